import type { FlameTrie, TrieSide } from "./flame-trie.ts";
import type { Profile, ProfileFunction } from "./profile.ts";
import { type SampleFilter, SampleStackReader } from "./sample-stacks.ts";

export interface AddSamplesOptions extends SampleFilter {
  sampleTypeIndex: number;
  inverted: boolean;
  /** Function ids (after `functionIdMap`) every kept path must start with; node 0 is the last. */
  pathIds: readonly number[];
  side: TrieSide;
  /** Maps the profile's function ids into the trie's, when the trie spans two profiles. */
  functionIdMap?: Int32Array;
  /** Multiplies every value, to normalise a diff's baseline. */
  scale?: number;
}

/** Adds every sample of one sample type that passes the filter and starts with the path. */
export function addSamples(trie: FlameTrie, profile: Profile, options: AddSamplesOptions): void {
  const { sampleTypeIndex, pathIds, functionIdMap, side } = options;
  const scale = options.scale ?? 1;
  const reader = new SampleStackReader(profile, options);
  const stack = reader.stack;
  const width = profile.sampleTypes.length;
  for (let i = 0; i < profile.sampleCount; i++) {
    const value = profile.values[i * width + sampleTypeIndex]!;
    if (value === 0) continue;
    const length = reader.read(i, options.inverted ? "leaf-first" : "root-first");
    if (length < 0) continue;
    if (functionIdMap) for (let j = 0; j < length; j++) stack[j] = functionIdMap[stack[j]!]!;
    if (startsWith(stack, length, pathIds)) trie.addPath(stack, pathIds.length, length, value * scale, side);
  }
}

/** Name → function id; the first id when a name repeats. */
export function functionIdsByName(functions: readonly ProfileFunction[]): Map<string, number> {
  const ids = new Map<string, number>();
  functions.forEach((fn, id) => {
    if (!ids.has(fn.name)) ids.set(fn.name, id);
  });
  return ids;
}

/** Whether stack[0..length) begins with the prefix. */
export function startsWith(stack: Int32Array, length: number, prefix: readonly number[]): boolean {
  if (length < prefix.length) return false;
  for (let j = 0; j < prefix.length; j++) if (stack[j] !== prefix[j]) return false;
  return true;
}
