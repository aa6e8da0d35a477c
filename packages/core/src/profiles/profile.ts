/** What one column of sample values measures, e.g. { type: "cpu", unit: "nanoseconds" }. */
export interface SampleType {
  type: string;
  unit: string;
}

/**
 * A function as pprof's "functions" granularity sees it: one entry per distinct name. The file
 * and start line are those of the first occurrence, for display only.
 */
export interface ProfileFunction {
  name: string;
  filename: string;
  startLine: number;
}

/**
 * A decoded pprof profile in flat arrays, independent of the wire library. Frames are
 * (function, line) pairs; a location with inlined calls becomes several frames, leaf-most first,
 * as pprof shows them. Samples keep their own stacks (leaf first) so that every tree, table and
 * diff is computed from the same data with integer ids only.
 */
export interface Profile {
  sampleTypes: SampleType[];
  /** Index into sampleTypes of the type pprof shows by default (the last one unless the profile names one). */
  defaultSampleTypeIndex: number;
  periodType: SampleType | null;
  period: number;
  /** Wall-clock start of the profile in ms since the epoch, 0 when the profile does not say. */
  timeMs: number;
  durationNanos: number;
  comments: string[];
  functions: ProfileFunction[];
  /** Per frame: index into functions. */
  frameFunction: Uint32Array;
  /** Per frame: source line, 0 when unknown. */
  frameLine: Uint32Array;
  sampleCount: number;
  /** Sample i's stack is stackFrames[stackStart[i] .. stackStart[i + 1]), leaf first. Length sampleCount + 1. */
  stackStart: Uint32Array;
  stackFrames: Uint32Array;
  /** Sample i's value of sample type t is values[i * sampleTypes.length + t]. */
  values: Float64Array;
}
