import type { Profile } from "./profile.ts";
import { ProfileQueryError } from "./profile-query-error.ts";

/** One function's share of a profile: flat (its own samples) and cum (itself and its callees). */
export interface ProfileTopFunction {
  name: string;
  flat: number;
  cum: number;
}

/** The "top" table of one sample type, as `go tool pprof -top` reports it (and the CLI's --json prints it). */
export interface ProfileTop {
  sampleType: string;
  unit: string;
  total: number;
  functions: ProfileTopFunction[];
}

/**
 * The index of the sample type called `name`, or the profile's default type when no name is given.
 * Throws ProfileQueryError listing the known types. As pprof does, "inuse_space" also finds a type
 * called "space" (the names of the legacy heap options).
 */
export function sampleTypeIndexOf(profile: Profile, name?: string): number {
  if (name === undefined || name === "") return profile.defaultSampleTypeIndex;
  const withoutInuse = name.startsWith("inuse_") ? name.slice("inuse_".length) : name;
  const index = profile.sampleTypes.findIndex(
    (sampleType) => sampleType.type === name || sampleType.type === withoutInuse,
  );
  if (index < 0) {
    const known = profile.sampleTypes.map((sampleType) => sampleType.type).join(", ");
    throw new ProfileQueryError(`unknown sample type "${name}": this profile has ${known}`);
  }
  return index;
}

/**
 * Per-function flat and cum of one sample type, computed as pprof's graph does: flat goes to the
 * leaf frame's function; cum counts each sample once per function on its stack, even when the
 * function recurses; the total is the sum of absolute sample values. Functions with neither flat
 * nor cum are left out, and the order is pprof's -top order: |flat| descending, then name.
 */
export function computeTop(profile: Profile, sampleTypeIndex: number): ProfileTop {
  const sampleType = profile.sampleTypes[sampleTypeIndex];
  if (!Number.isInteger(sampleTypeIndex) || sampleType === undefined) {
    throw new RangeError(`sample type index ${sampleTypeIndex} is outside 0..${profile.sampleTypes.length - 1}`);
  }
  const functionCount = profile.functions.length;
  const flat = new Float64Array(functionCount);
  const cum = new Float64Array(functionCount);
  // lastSeenIn[f] = 1 + the last sample that added to f's cum: one stamp per function instead of a Set per sample.
  const lastSeenIn = new Uint32Array(functionCount);
  const { frameFunction, stackStart, stackFrames, values } = profile;
  const typeCount = profile.sampleTypes.length;
  let total = 0;

  for (let sample = 0; sample < profile.sampleCount; sample++) {
    const value = values[sample * typeCount + sampleTypeIndex]!;
    if (value === 0) continue;
    total += Math.abs(value);
    const start = stackStart[sample]!;
    const end = stackStart[sample + 1]!;
    if (start === end) continue;
    flat[frameFunction[stackFrames[start]!]!]! += value;
    const stamp = sample + 1;
    for (let position = start; position < end; position++) {
      const fn = frameFunction[stackFrames[position]!]!;
      if (lastSeenIn[fn] !== stamp) {
        lastSeenIn[fn] = stamp;
        cum[fn]! += value;
      }
    }
  }

  const listed: ProfileTopFunction[] = [];
  for (let fn = 0; fn < functionCount; fn++) {
    if (flat[fn] !== 0 || cum[fn] !== 0) {
      listed.push({ name: profile.functions[fn]!.name, flat: flat[fn]!, cum: cum[fn]! });
    }
  }
  listed.sort(
    (a, b) =>
      Math.abs(b.flat) - Math.abs(a.flat) || compareCodePoints(a.name, b.name) || Math.abs(b.cum) - Math.abs(a.cum),
  );
  return { sampleType: sampleType.type, unit: sampleType.unit, total, functions: listed };
}

/** Go compares strings byte-wise in UTF-8, which is code point order (JS's < compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const l = left.next();
    const r = right.next();
    if (l.done || r.done) return l.done ? (r.done ? 0 : -1) : 1;
    const difference = l.value.codePointAt(0)! - r.value.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
}
