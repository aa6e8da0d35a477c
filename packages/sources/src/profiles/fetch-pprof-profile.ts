import { formatBytes, type ProfileKind, pprofPathOf } from "@fleetdeck/core";
import { type CaptureTarget, ProfileCaptureCancelled, ProfileCaptureError } from "./profile-capture-errors.ts";

export interface PprofFetchRequest {
  /** Where the target serves net/http/pprof, e.g. http://10.0.0.7:2379/debug/pprof */
  baseUrl: string;
  kind: ProfileKind;
  /** How long a CPU profile runs; the other kinds are snapshots and ignore it. */
  seconds: number;
  /** Fires when the caller gives up: the capture stops with ProfileCaptureCancelled. */
  signal: AbortSignal;
  /** How long the target may take to answer, beyond the CPU profile's own seconds. */
  timeoutMs: number;
  /** A bigger answer is cut off with an error: the bytes are stored, a runaway target must not fill memory. */
  maxBytes: number;
  headers?: Record<string, string>;
  /** Named in error messages beside the URL. */
  instanceId?: string;
}

/**
 * The URL of one profile. Only a CPU profile gets `seconds`: given to heap, allocs and the others,
 * net/http/pprof would answer a delta over that many seconds, where a snapshot is wanted.
 */
export function pprofProfileUrl(baseUrl: string, kind: ProfileKind, seconds: number): string {
  const url = `${baseUrl.replace(/\/+$/, "")}/${pprofPathOf(kind)}`;
  if (kind !== "cpu") return url;
  assertCpuProfileSeconds(seconds);
  return `${url}?seconds=${seconds}`;
}

/** net/http/pprof reads seconds as an integer and quietly profiles 30 s for anything else. */
export function assertCpuProfileSeconds(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new RangeError(`a CPU profile runs a whole number of seconds, at least 1 (got ${seconds})`);
  }
}

/**
 * Captures one profile from a Go program's net/http/pprof endpoints and returns the bytes as the
 * target served them (gzipped profile.proto). Only the first bytes are checked to look like a
 * profile; decoding happens elsewhere, off the event loop. Every failure names the URL.
 */
export async function fetchPprofProfile(request: PprofFetchRequest): Promise<Uint8Array> {
  const url = pprofProfileUrl(request.baseUrl, request.kind, request.seconds);
  const target = request.instanceId === undefined ? { url } : { url, instanceId: request.instanceId };
  if (request.signal.aborted) throw new ProfileCaptureCancelled(target);
  const limitMs = (request.kind === "cpu" ? request.seconds * 1000 : 0) + request.timeoutMs;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), limitMs);
  try {
    const response = await fetch(url, {
      headers: request.headers,
      signal: AbortSignal.any([request.signal, timeout.signal]),
    });
    if (!response.ok) {
      throw new ProfileCaptureError(target, await describeHttpError(response), response.status);
    }
    const bytes = await readAtMost(response, request.maxBytes, target);
    assertLooksLikeProfile(bytes, target);
    return bytes;
  } catch (error) {
    if (request.signal.aborted) throw new ProfileCaptureCancelled(target);
    if (timeout.signal.aborted) throw new ProfileCaptureError(target, `timed out after ${formatMs(limitMs)}`);
    if (error instanceof ProfileCaptureError) throw error;
    throw new ProfileCaptureError(target, describeNetworkError(error));
  } finally {
    clearTimeout(timer);
  }
}

async function describeHttpError(response: Response): Promise<string> {
  if (response.status === 404) return "HTTP 404 — is net/http/pprof enabled? (etcd: --enable-pprof)";
  // net/http/pprof explains itself in a short text body, e.g. "cpu profiling already in use".
  const text = (await response.text().catch(() => "")).trim().replace(/\s+/g, " ");
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  return text ? `${status}: ${truncate(text, 200)}` : status;
}

/** Reads the body chunk by chunk and stops as soon as it passes maxBytes. */
async function readAtMost(response: Response, maxBytes: number, target: CaptureTarget): Promise<Uint8Array> {
  const tooBig = (what: string) =>
    new ProfileCaptureError(target, `the answer is larger than the ${formatBytes(maxBytes)} limit (${what})`);
  const declared = Number(response.headers.get("content-length"));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooBig(`${formatBytes(declared)} announced`);
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooBig(`more than ${formatBytes(maxBytes)} received`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A profile is gzip (1f 8b), or a bare profile.proto whose first byte is the tag of one of its
 * fields (numbers 1–14, varint or length-delimited). Anything else, such as an HTML login page
 * from a proxy, is refused here with its first characters quoted.
 */
function assertLooksLikeProfile(bytes: Uint8Array, target: CaptureTarget): void {
  if (bytes.length === 0) throw new ProfileCaptureError(target, "the answer is empty, not a profile");
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return;
  const tag = bytes[0] as number;
  const fieldNumber = tag >> 3;
  const wireType = tag & 7;
  if (fieldNumber >= 1 && fieldNumber <= 14 && (wireType === 0 || wireType === 2)) return;
  throw new ProfileCaptureError(target, `the answer is not a profile: starts with ${quoteStart(bytes)}`);
}

function quoteStart(bytes: Uint8Array): string {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 24));
  const printable = text.replace(/[^\x20-\x7e]/g, "·");
  return `'${printable}'${bytes.length > 24 ? "…" : ""}`;
}

/** fetch hides the reason in error.cause (undici's code), e.g. ECONNREFUSED. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  switch (cause?.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "the target closed the connection before the profile was complete";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "the target's network is unreachable";
  }
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function formatMs(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
