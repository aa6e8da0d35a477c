import { z } from "zod";

/**
 * A small client for etcd's HTTP/JSON gateway (`/v3/kv/range`, `/v3/kv/txn`): keys and values are
 * base64, int64 fields arrive as strings. Requests go to the endpoint that last answered, then
 * the others in order; an unreachable, slow or failing (5xx) member makes the next one be tried.
 */
export interface EtcdGatewayClient {
  /** Runs one transaction; `operation` names it in errors (e.g. "apply /fleetdeck/config/checkout/"). */
  txn(request: TxnRequest, operation: string): Promise<TxnResponse>;
}

export interface EtcdGatewayOptions {
  /** Client URLs of the cluster's members, e.g. http://10.0.0.1:2379. */
  endpoints: readonly string[];
  /** Per request and endpoint. */
  timeoutMs: number;
}

/** A key as etcd holds it, decoded. */
export interface StoredKey {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
}

/** A request inside a txn: read one key, read every key under a prefix, or write one key. */
export type RequestOp =
  | { kind: "get"; key: string }
  | { kind: "getPrefix"; prefix: string }
  | { kind: "put"; key: string; value: string };

/** A compare of a txn: the key's mod revision equals, or the key does not exist (create revision 0). */
export type Compare = { key: string; modRevisionEquals: number } | { key: string; absent: true };

export interface TxnRequest {
  compare: readonly Compare[];
  success: readonly RequestOp[];
  failure: readonly RequestOp[];
}

export interface TxnResponse {
  succeeded: boolean;
  revision: number;
  /** The keys each range op of the branch that ran returned, in op order; puts give []. */
  ranges: StoredKey[][];
}

/** No member answered, or one answered with an error: says which endpoints and what happened. */
export class EtcdRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly failures: readonly { endpoint: string; problem: string }[],
  ) {
    const where = failures.map((failure) => `${failure.endpoint}: ${failure.problem}`).join("; ");
    super(`etcd ${operation} failed (${where})`);
    this.name = "EtcdRequestError";
  }
}

const int64 = z.union([z.string(), z.number()]).transform((value, context) => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    context.addIssue({ code: "custom", message: `not an integer: ${value}` });
    return z.NEVER;
  }
  return parsed;
});

const WireKeyValue = z.object({
  key: z.string(),
  value: z.string().optional(),
  create_revision: int64.optional(),
  mod_revision: int64.optional(),
});

const WireTxnResponse = z.object({
  header: z.object({ revision: int64 }),
  succeeded: z.boolean().optional(),
  responses: z
    .array(
      z.object({
        response_range: z.object({ kvs: z.array(WireKeyValue).optional() }).optional(),
        response_put: z.object({}).optional(),
      }),
    )
    .optional(),
});

const WireError = z.object({ message: z.string().optional(), error: z.string().optional() });

export function createEtcdGatewayClient(options: EtcdGatewayOptions): EtcdGatewayClient {
  if (options.endpoints.length === 0) throw new Error("etcd: at least one endpoint is needed");
  const endpoints = options.endpoints.map((endpoint) => endpoint.replace(/\/+$/, ""));
  for (const endpoint of endpoints) {
    if (!/^https?:\/\/[^/]+$/.test(endpoint)) {
      throw new Error(`etcd endpoint "${endpoint}" is not a client URL like http://127.0.0.1:2379`);
    }
  }
  let preferred = 0;

  async function post(path: string, body: unknown, operation: string): Promise<unknown> {
    const failures: { endpoint: string; problem: string }[] = [];
    for (let tried = 0; tried < endpoints.length; tried++) {
      const index = (preferred + tried) % endpoints.length;
      const endpoint = endpoints[index]!;
      const outcome = await postOnce(endpoint, path, body, options.timeoutMs);
      if (outcome.ok) {
        preferred = index;
        return outcome.json;
      }
      failures.push({ endpoint, problem: outcome.problem });
      // etcd understood the request and refused it: another member would refuse it too.
      if (!outcome.tryNext) break;
    }
    throw new EtcdRequestError(operation, failures);
  }

  return {
    async txn(request, operation) {
      const json = await post("/v3/kv/txn", wireTxn(request), operation);
      const parsed = WireTxnResponse.safeParse(json);
      if (!parsed.success) {
        throw new EtcdRequestError(operation, [
          { endpoint: endpoints[preferred]!, problem: `unexpected answer to a txn: ${z.prettifyError(parsed.error)}` },
        ]);
      }
      return {
        succeeded: parsed.data.succeeded ?? false,
        revision: parsed.data.header.revision,
        ranges: (parsed.data.responses ?? [])
          .filter((response) => response.response_range !== undefined)
          .map((response) => (response.response_range?.kvs ?? []).map(decodeKeyValue)),
      };
    },
  };
}

export type PostOutcome = { ok: true; json: unknown } | { ok: false; problem: string; tryNext: boolean };

/** One POST of JSON to one member; `tryNext` says whether another member might do better. */
export async function postOnce(endpoint: string, path: string, body: unknown, timeoutMs: number): Promise<PostOutcome> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${endpoint}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    return { ok: false, problem: describeFetchFailure(error, timeoutMs), tryNext: true };
  }
  if (!response.ok) {
    return {
      ok: false,
      problem: `HTTP ${response.status}: ${gatewayMessage(text)}`,
      tryNext: response.status >= 500,
    };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false, problem: `answered with something that is not JSON: ${text.slice(0, 200)}`, tryNext: true };
  }
}

function gatewayMessage(text: string): string {
  try {
    const parsed = WireError.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.message ?? parsed.data.error ?? text.slice(0, 200);
  } catch {}
  return text.slice(0, 200) || "(empty body)";
}

const socketErrorNames: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EHOSTUNREACH: "host unreachable",
  ETIMEDOUT: "connection timed out",
};

/** A failed fetch in words: "connection refused (ECONNREFUSED)", "no answer within 2000 ms". */
export function describeFetchFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code && socketErrorNames[cause.code]) return `${socketErrorNames[cause.code]} (${cause.code})`;
  return cause?.message ?? (error as Error).message;
}

function wireTxn(request: TxnRequest) {
  return {
    compare: request.compare.map((compare) =>
      "absent" in compare
        ? { key: base64(compare.key), target: "CREATE", result: "EQUAL", create_revision: "0" }
        : { key: base64(compare.key), target: "MOD", result: "EQUAL", mod_revision: String(compare.modRevisionEquals) },
    ),
    success: request.success.map(wireOp),
    failure: request.failure.map(wireOp),
  };
}

function wireOp(op: RequestOp) {
  switch (op.kind) {
    case "put":
      return { request_put: { key: base64(op.key), value: base64(op.value) } };
    case "get":
      return { request_range: { key: base64(op.key) } };
    case "getPrefix":
      return { request_range: { key: base64(op.prefix), range_end: prefixRangeEnd(op.prefix).toString("base64") } };
  }
}

/**
 * The range end that selects every key starting with `prefix`: the prefix with its last byte
 * below 0xff incremented, as etcd's clientv3.GetPrefixRangeEnd computes it.
 */
export function prefixRangeEnd(prefix: string): Buffer {
  const bytes = Buffer.from(prefix, "utf8");
  for (let index = bytes.length - 1; index >= 0; index--) {
    if (bytes[index]! < 0xff) {
      const end = Buffer.from(bytes.subarray(0, index + 1));
      end[index]! += 1;
      return end;
    }
  }
  // Every byte is 0xff (or there are none): etcd reads "\0" as "to the end of the keyspace".
  return Buffer.from([0]);
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

function decodeKeyValue(wire: z.infer<typeof WireKeyValue>): StoredKey {
  return {
    key: Buffer.from(wire.key, "base64").toString("utf8"),
    value: Buffer.from(wire.value ?? "", "base64").toString("utf8"),
    createRevision: wire.create_revision ?? 0,
    modRevision: wire.mod_revision ?? 0,
  };
}
