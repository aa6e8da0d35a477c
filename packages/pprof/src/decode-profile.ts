import { gunzipSync } from "node:zlib";
import type { Profile } from "@fleetdeck/core";
import { Profile as PprofProfile } from "pprof-format";
import { ProfileDecodeError } from "./profile-decode-error.ts";
import { profileFromPprof } from "./profile-from-pprof.ts";
import { findWireProblem } from "./profile-wire-check.ts";

export interface DecodeProfileOptions {
  /** Names the input in every error message: a file name, "upload", an instance id. */
  label: string;
  /** Cap on the gunzipped size, so a small gzip bomb cannot exhaust memory. Default 512 MiB. */
  maxInflatedBytes?: number;
  /** Cap on the total length of all expanded stacks. Default 64 Mi frames. */
  maxStackFrames?: number;
}

const defaultMaxInflatedBytes = 512 * 1024 * 1024;
const defaultMaxStackFrames = 64 * 1024 * 1024;

/**
 * Decodes a pprof profile.proto, gzipped (as Go serves it) or not, into the core Profile.
 * Anything that is not a well-formed profile throws ProfileDecodeError naming the label and the
 * problem; no other exception escapes for any input.
 */
export function decodeProfile(bytes: Uint8Array, options: DecodeProfileOptions): Profile {
  const { label } = options;
  const fail = (problem: string): never => {
    throw new ProfileDecodeError(`${label}: ${problem}`);
  };
  if (bytes.length === 0) fail("empty input, not a pprof profile");
  const payload = isGzip(bytes) ? gunzip(bytes, options.maxInflatedBytes ?? defaultMaxInflatedBytes, fail) : bytes;
  if (payload.length === 0) fail("the gzip data holds an empty file, not a pprof profile");

  const wireProblem = findWireProblem(payload);
  if (wireProblem) fail(`not a pprof profile (${describeText(payload) ?? `malformed protobuf at ${wireProblem}`})`);

  let decoded: PprofProfile;
  try {
    decoded = PprofProfile.decode(payload);
  } catch (error) {
    return fail(`not a pprof profile (${error instanceof Error ? error.message : String(error)})`);
  }
  if (decoded.sampleType.length === 0) {
    fail(`not a pprof profile (${describeText(payload) ?? "it declares no sample types"})`);
  }
  return profileFromPprof(decoded, fail, { maxStackFrames: options.maxStackFrames ?? defaultMaxStackFrames });
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Uint8Array, maxInflatedBytes: number, fail: (problem: string) => never): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxInflatedBytes });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_BUFFER_TOO_LARGE") return fail(`gzip data inflates to more than ${mebibytes(maxInflatedBytes)}`);
    if (code === "Z_BUF_ERROR") return fail("truncated gzip data");
    return fail(`corrupt gzip data (${error instanceof Error ? error.message : String(error)})`);
  }
}

function mebibytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}

/**
 * When the input is text (an HTML error page from a proxy, a JSON error, a legacy text profile),
 * says so and quotes its start, which tells the reader far more than a protobuf offset would.
 */
function describeText(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 512);
  for (const byte of head) {
    const isControl = byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d;
    if (isControl || byte === 0x7f) return null;
  }
  const text = new TextDecoder().decode(head).replace(/\s+/g, " ").trim();
  const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  if (text.startsWith("<")) return `it looks like HTML: ${shown}`;
  if (text.startsWith("{") || text.startsWith("[")) return `it looks like JSON: ${shown}`;
  return `it looks like text: ${shown}`;
}
