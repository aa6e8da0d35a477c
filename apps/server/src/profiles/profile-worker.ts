// Runs in a worker thread (see profile-workers.ts): everything that decodes a profile or walks its
// samples happens here, never on the server's event loop.
import {
  buildDiffFlameGraph,
  buildFlameTree,
  calleesOf,
  callersOf,
  diffTop as computeDiffTop,
  computeTop,
  encodeFlameGraph,
  type Profile,
  type ProfileDiffTop,
  ProfileQueryError,
  type ProfileTop,
  type SampleType,
  sampleTypeIndexOf,
  toFlameGraph,
} from "@fleetdeck/core";
import { decodeProfile, ProfileDecodeError } from "@fleetdeck/pprof";
import { Piscina } from "piscina";

/** A stored profile handed to the worker: its id keys the cache of decoded profiles. */
export interface StoredProfileInput {
  id: string;
  /** Names the profile in error messages. */
  label: string;
  bytes: Uint8Array;
}

/**
 * A question the profile cannot answer (unknown sample type or function, a bad zoom path) or
 * bytes that are no profile. Returned rather than thrown: an Error crossing the thread boundary
 * loses its class, and the caller must tell these from a bug.
 */
export interface WorkerProblem {
  problem: "query" | "decode";
  message: string;
}

export interface ProfileSummary {
  sampleTypes: SampleType[];
  defaultSampleType: string;
  /** Per sample type, the sum over every sample. */
  totals: number[];
  /** When the profile says it started, 0 when it does not. */
  timeMs: number;
  durationNanos: number;
  sampleCount: number;
}

export interface FlameTask {
  profile: StoredProfileInput;
  sampleType?: string | undefined;
  inverted: boolean;
  focus?: string | undefined;
  hide?: string | undefined;
  rootPath: string[];
  maxNodes: number;
}

export interface SandwichTask {
  profile: StoredProfileInput;
  functionName: string;
  view: "callers" | "callees";
  sampleType?: string | undefined;
  maxNodes: number;
}

export interface DiffFlameTask {
  base: StoredProfileInput;
  target: StoredProfileInput;
  sampleType: string;
  rootPath: string[];
  focus?: string | undefined;
  hide?: string | undefined;
  maxNodes: number;
}

export interface DiffTopTask {
  base: StoredProfileInput;
  target: StoredProfileInput;
  sampleType: string;
}

/**
 * Decoding is the slow part (about half a second for a 100k-sample CPU profile), and someone
 * exploring a flame graph asks about the same profile many times: keep the last few decoded.
 * Stored profiles never change, so the id is the whole key.
 */
const decodedCacheSize = 4;
const decodedProfiles = new Map<string, Profile>();

function decodedProfileOf(input: StoredProfileInput): Profile {
  const cached = decodedProfiles.get(input.id);
  if (cached) {
    // Map keeps insertion order: re-inserting makes this the most recently used.
    decodedProfiles.delete(input.id);
    decodedProfiles.set(input.id, cached);
    return cached;
  }
  const profile = decodeProfile(input.bytes, { label: input.label });
  decodedProfiles.set(input.id, profile);
  if (decodedProfiles.size > decodedCacheSize) {
    const oldest = decodedProfiles.keys().next().value;
    if (oldest !== undefined) decodedProfiles.delete(oldest);
  }
  return profile;
}

/** Runs one operation, turning the errors that describe the request into a WorkerProblem. */
function answer<T>(operation: () => T): T | WorkerProblem {
  try {
    return operation();
  } catch (error) {
    if (error instanceof ProfileQueryError) return { problem: "query", message: error.message };
    if (error instanceof ProfileDecodeError) return { problem: "decode", message: error.message };
    throw error;
  }
}

/** Bytes go back to the server thread without a copy. */
function moved(bytes: Uint8Array): Uint8Array {
  return Piscina.move(bytes) as Uint8Array;
}

const regexOf = (source: string | undefined) => (source === undefined ? undefined : new RegExp(source));

/** Checks that the bytes are a profile and reads what the list shows about it. Nothing is cached. */
export function summarize({ bytes, label }: { bytes: Uint8Array; label: string }): ProfileSummary | WorkerProblem {
  return answer(() => {
    const profile = decodeProfile(bytes, { label });
    const typeCount = profile.sampleTypes.length;
    const totals = new Array<number>(typeCount).fill(0);
    profile.values.forEach((value, i) => {
      totals[i % typeCount] = (totals[i % typeCount] ?? 0) + value;
    });
    return {
      sampleTypes: profile.sampleTypes,
      defaultSampleType: profile.sampleTypes[profile.defaultSampleTypeIndex]?.type ?? "",
      totals,
      timeMs: profile.timeMs,
      durationNanos: profile.durationNanos,
      sampleCount: profile.sampleCount,
    };
  });
}

export function top({ profile, sampleType }: { profile: StoredProfileInput; sampleType?: string | undefined }) {
  return answer((): ProfileTop => {
    const decoded = decodedProfileOf(profile);
    return computeTop(decoded, sampleTypeIndexOf(decoded, sampleType));
  });
}

export function flame(task: FlameTask): Uint8Array | WorkerProblem {
  const encoded = answer(() => {
    const decoded = decodedProfileOf(task.profile);
    const tree = buildFlameTree(decoded, {
      sampleTypeIndex: sampleTypeIndexOf(decoded, task.sampleType),
      inverted: task.inverted,
      focus: regexOf(task.focus),
      hide: regexOf(task.hide),
      rootPath: task.rootPath,
    });
    return encodeFlameGraph(toFlameGraph(tree, { maxNodes: task.maxNodes }));
  });
  return encoded instanceof Uint8Array ? moved(encoded) : encoded;
}

export function sandwich(task: SandwichTask): Uint8Array | WorkerProblem {
  const encoded = answer(() => {
    const decoded = decodedProfileOf(task.profile);
    const around = task.view === "callers" ? callersOf : calleesOf;
    const tree = around(decoded, task.functionName, { sampleTypeIndex: sampleTypeIndexOf(decoded, task.sampleType) });
    return encodeFlameGraph(toFlameGraph(tree, { maxNodes: task.maxNodes }));
  });
  return encoded instanceof Uint8Array ? moved(encoded) : encoded;
}

export function diffFlame(task: DiffFlameTask): Uint8Array | WorkerProblem {
  const encoded = answer(() => {
    const graph = buildDiffFlameGraph(decodedProfileOf(task.base), decodedProfileOf(task.target), {
      sampleTypeName: task.sampleType,
      maxNodes: task.maxNodes,
      rootPath: task.rootPath,
      focus: regexOf(task.focus),
      hide: regexOf(task.hide),
    });
    return encodeFlameGraph(graph);
  });
  return encoded instanceof Uint8Array ? moved(encoded) : encoded;
}

export function diffTop(task: DiffTopTask): ProfileDiffTop | WorkerProblem {
  return answer(() => computeDiffTop(decodedProfileOf(task.base), decodedProfileOf(task.target), task.sampleType));
}
