/** What went wrong talking to a Prometheus-compatible API, so callers can tell a slow source from a bad query. */
export type PrometheusFailure = "unreachable" | "timeout" | "http" | "malformed" | "query";

/**
 * An error from one request to a source's HTTP API. The message names the source, the endpoint
 * (a path, never the credentials a configured URL may carry) and what was wrong.
 */
export class PrometheusApiError extends Error {
  override readonly name = "PrometheusApiError";

  constructor(
    readonly sourceId: string,
    readonly endpoint: string,
    readonly failure: PrometheusFailure,
    detail: string,
    /** HTTP status when the server answered. */
    readonly status?: number,
  ) {
    super(`prometheus source "${sourceId}": ${endpoint}: ${detail}`);
  }
}

/** The URL without user info, query or fragment: safe to show in messages and logs. */
export function redactUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, "")}`;
}
