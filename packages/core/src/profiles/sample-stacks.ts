import type { Profile } from "./profile.ts";
import { ProfileQueryError } from "./profile-query-error.ts";

export interface SampleFilter {
  /** Keep only samples with a frame whose function name or file matches (pprof's -focus). */
  focus?: RegExp | undefined;
  /** Drop frames whose function name or file matches from every stack (pprof's -hide). */
  hide?: RegExp | undefined;
}

/**
 * Reads sample stacks as function ids with pprof's -focus and -hide applied, into one reused
 * buffer so that building a tree allocates nothing per sample. As in pprof's
 * FilterSamplesByName, focus looks at the stack before hiding, and a sample whose every frame is
 * hidden is dropped.
 */
export class SampleStackReader {
  /** The last stack read: function ids in the order asked for. */
  readonly stack: Int32Array;
  private readonly focused: Uint8Array | null;
  private readonly hidden: Uint8Array | null;

  constructor(
    private readonly profile: Profile,
    filter: SampleFilter,
  ) {
    this.focused = filter.focus ? matchingFunctions(profile, filter.focus) : null;
    this.hidden = filter.hide ? matchingFunctions(profile, filter.hide) : null;
    let deepest = 0;
    for (let i = 0; i < profile.sampleCount; i++) {
      deepest = Math.max(deepest, stackEnd(profile, i) - stackBegin(profile, i));
    }
    this.stack = new Int32Array(deepest);
  }

  /**
   * Fills `stack` with sample i's function ids, leaf first or root first, and returns how many;
   * -1 when the filter drops the sample.
   */
  read(sample: number, order: "leaf-first" | "root-first"): number {
    const { frameFunction, stackFrames } = this.profile;
    const begin = stackBegin(this.profile, sample);
    const end = stackEnd(this.profile, sample);
    const focused = this.focused;
    if (focused) {
      let any = false;
      for (let j = begin; j < end && !any; j++) any = focused[frameFunction[stackFrames[j]!]!] === 1;
      if (!any) return -1;
    }
    const hidden = this.hidden;
    let length = 0;
    for (let j = begin; j < end; j++) {
      const fn = frameFunction[stackFrames[j]!]!;
      if (hidden === null || hidden[fn] === 0) this.stack[length++] = fn;
    }
    if (length === 0 && end > begin) return -1;
    if (order === "root-first") this.stack.subarray(0, length).reverse();
    return length;
  }
}

/** The 100 % of a profile, as pprof counts it: the sum of one sample type's absolute values. */
export function profileTotalOf(profile: Profile, sampleTypeIndex: number): number {
  const width = profile.sampleTypes.length;
  let total = 0;
  for (let i = 0; i < profile.sampleCount; i++) total += Math.abs(profile.values[i * width + sampleTypeIndex]!);
  return total;
}

export function checkSampleTypeIndex(profile: Profile, sampleTypeIndex: number): void {
  if (!Number.isInteger(sampleTypeIndex) || sampleTypeIndex < 0 || sampleTypeIndex >= profile.sampleTypes.length) {
    const types = profile.sampleTypes.map((t, i) => `${i} ${t.type}`).join(", ");
    throw new ProfileQueryError(`sample type index ${sampleTypeIndex} is out of range: the profile has ${types}`);
  }
}

function stackBegin(profile: Profile, sample: number): number {
  return profile.stackStart[sample]!;
}

function stackEnd(profile: Profile, sample: number): number {
  return profile.stackStart[sample + 1]!;
}

/** Per function: 1 when the pattern matches its name or file, as pprof matches locations. */
function matchingFunctions(profile: Profile, pattern: RegExp): Uint8Array {
  // A global or sticky RegExp remembers lastIndex between test() calls; match statelessly.
  const stateless = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
  return Uint8Array.from(profile.functions, (fn) =>
    stateless.test(fn.name) || (fn.filename !== "" && stateless.test(fn.filename)) ? 1 : 0,
  );
}
