import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import { describeIssues } from "../config/describe-issues.ts";
import { PrometheusApiError, redactUrl } from "./prometheus-api-error.ts";
import {
  type ActiveTarget,
  ApiEnvelope,
  InstantVector,
  LabelNames,
  type LabelSet,
  RangeMatrix,
  SeriesList,
  TargetsData,
} from "./prometheus-api-schemas.ts";
import {
  type BackoffPolicy,
  backoffDelayMs,
  defaultBackoffPolicy,
  isRetryableStatus,
  retryAfterMs,
} from "./retry-backoff.ts";

export type PrometheusAuth = { basic: { username: string; password: string } } | { bearerToken: string };

export interface PrometheusClientOptions {
  /** Names the source in every error. */
  sourceId: string;
  /** The API root, e.g. http://prometheus:9090 or a Mimir/Thanos query path prefix. */
  url: string;
  /** Per attempt, including reading the body. */
  timeoutMs: number;
  /** Further attempts after the first, for network errors, 429 and 5xx only. */
  retries: number;
  auth?: PrometheusAuth;
  backoff?: BackoffPolicy;
  random?: () => number;
}

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/**
 * A small client for the Prometheus HTTP API: every response is checked against its schema, and
 * every failure becomes a PrometheusApiError naming the source and the endpoint. Queries go as
 * form-encoded POSTs so that long selectors never hit URL length limits.
 */
export class PrometheusClient {
  private readonly apiRoot: string;
  private readonly headers: Record<string, string>;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;

  constructor(private readonly options: PrometheusClientOptions) {
    const url = new URL(options.url);
    // fetch refuses URLs with credentials; they become an Authorization header instead.
    const auth = options.auth ?? credentialsOf(url);
    this.apiRoot = redactUrl(url);
    this.headers = { accept: "application/json", ...authorizationHeader(auth) };
    this.backoff = options.backoff ?? defaultBackoffPolicy;
    this.random = options.random ?? Math.random;
  }

  /** The URL requests go to, without credentials. */
  get baseUrl(): string {
    return this.apiRoot;
  }

  get sourceId(): string {
    return this.options.sourceId;
  }

  async instantQuery(promql: string, atMs: number): Promise<InstantVector> {
    return this.call("/api/v1/query", { query: promql, time: seconds(atMs) }, InstantVector);
  }

  async rangeQuery(promql: string, range: TimeWindow & { stepMs: number }): Promise<RangeMatrix> {
    return this.call(
      "/api/v1/query_range",
      { query: promql, start: seconds(range.startMs), end: seconds(range.endMs), step: seconds(range.stepMs) },
      RangeMatrix,
    );
  }

  /** Label sets of the series matching any of the selectors within the window. */
  async series(selectors: readonly string[], window: TimeWindow): Promise<LabelSet[]> {
    return this.call(
      "/api/v1/series",
      { "match[]": selectors, start: seconds(window.startMs), end: seconds(window.endMs) },
      SeriesList,
    );
  }

  async labelNames(selectors: readonly string[] = []): Promise<string[]> {
    return this.call("/api/v1/labels", { "match[]": selectors }, LabelNames);
  }

  /** Only Prometheus itself scrapes; a query frontend (Thanos, Mimir) answers 404 here. */
  async activeTargets(): Promise<ActiveTarget[]> {
    return (await this.call("/api/v1/targets", { state: "active" }, TargetsData, "GET")).activeTargets;
  }

  private async call<Schema extends z.ZodType>(
    path: string,
    params: Record<string, string | readonly string[]>,
    schema: Schema,
    method: "GET" | "POST" = "POST",
  ): Promise<z.output<Schema>> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      for (const item of typeof value === "string" ? [value] : value) body.append(name, item);
    }
    const endpoint = `${method} ${path}`;
    const url = method === "GET" ? `${this.apiRoot}${path}?${body}` : `${this.apiRoot}${path}`;
    const init: RequestInit = {
      method,
      headers:
        method === "GET" ? this.headers : { ...this.headers, "content-type": "application/x-www-form-urlencoded" },
      ...(method === "POST" ? { body } : {}),
    };
    const data = await this.fetchWithRetries(endpoint, url, init);
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const detail = `unexpected response shape: ${describeIssues(parsed.error, { root: "data" })}`;
      throw new PrometheusApiError(this.options.sourceId, endpoint, "malformed", detail);
    }
    return parsed.data;
  }

  private async fetchWithRetries(endpoint: string, url: string, init: RequestInit): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(url, init);
      if (outcome.ok) return outcome.data;
      if (!outcome.retryable || attempt >= this.options.retries) {
        const tries = attempt === 0 ? "" : ` (after ${attempt + 1} attempts)`;
        throw new PrometheusApiError(
          this.options.sourceId,
          endpoint,
          outcome.error.failure,
          `${outcome.error.detail}${tries}`,
          outcome.error.status,
        );
      }
      await sleep(outcome.retryAfterMs ?? backoffDelayMs(attempt, this.backoff, this.random));
    }
  }

  /** One request; failures are returned, not thrown, so the retry loop decides. */
  private async attempt(url: string, init: RequestInit): Promise<AttemptOutcome> {
    const { timeoutMs } = this.options;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (cause) {
      // A slow server is not retried: asking an overloaded Prometheus again only adds load.
      if (isTimeout(cause)) return failed("timeout", `no answer within ${timeoutMs} ms (timed out)`, false);
      return failed("unreachable", `cannot reach ${this.apiRoot}: ${networkReason(cause)}`, true);
    }
    const envelope = parseEnvelope(text);
    if (envelope === null) {
      const detail = response.ok
        ? `malformed response: not JSON (${excerpt(text)})`
        : `HTTP ${response.status} ${response.statusText}: ${excerpt(text)}`;
      return failed(response.ok ? "malformed" : "http", detail, isRetryableStatus(response.status), response);
    }
    if (envelope.status === "error") {
      // Prometheus answers bad PromQL with 400 bad_data and a failed evaluation with 422.
      const failure = response.status === 400 || response.status === 422 ? "query" : "http";
      const detail = `HTTP ${response.status}: ${envelope.errorType}: ${envelope.error}`;
      return failed(failure, detail, isRetryableStatus(response.status), response);
    }
    if (!response.ok)
      return failed(
        "http",
        `HTTP ${response.status} ${response.statusText}`,
        isRetryableStatus(response.status),
        response,
      );
    return { ok: true, data: envelope.data };
  }
}

type AttemptOutcome =
  | { ok: true; data: unknown }
  | {
      ok: false;
      retryable: boolean;
      retryAfterMs: number | null;
      error: { failure: PrometheusApiError["failure"]; detail: string; status?: number };
    };

function failed(
  failure: PrometheusApiError["failure"],
  detail: string,
  retryable: boolean,
  response?: Response,
): AttemptOutcome {
  return {
    ok: false,
    retryable,
    retryAfterMs: response ? retryAfterMs(response.headers.get("retry-after")) : null,
    error: { failure, detail, ...(response ? { status: response.status } : {}) },
  };
}

function parseEnvelope(text: string): z.output<typeof ApiEnvelope> | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = ApiEnvelope.safeParse(json);
  return parsed.success ? parsed.data : null;
}

function isTimeout(cause: unknown): boolean {
  return cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
}

/** undici wraps the socket error (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function networkReason(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause;
  if (inner instanceof Error) {
    const code = (inner as NodeJS.ErrnoException).code;
    return code ? `${code} (${inner.message})` : inner.message;
  }
  return cause.message;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "empty body";
  return flat.length > 120 ? `"${flat.slice(0, 120)}…"` : `"${flat}"`;
}

function seconds(ms: number): string {
  return (ms / 1000).toString();
}

function credentialsOf(url: URL): PrometheusAuth | undefined {
  if (url.username === "") return undefined;
  return { basic: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } };
}

function authorizationHeader(auth: PrometheusAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if ("bearerToken" in auth) return { authorization: `Bearer ${auth.bearerToken}` };
  const token = Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString("base64");
  return { authorization: `Basic ${token}` };
}
