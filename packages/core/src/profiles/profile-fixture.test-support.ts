import type { Profile, ProfileFunction, SampleType } from "./profile.ts";

/** One sample for a hand-built profile: its stack leaf first, one value per sample type. */
export interface FixtureSample {
  stack: readonly string[];
  values: readonly number[];
}

/**
 * Builds a decoded `Profile` from leaf-first stacks of function names, for tests. Each distinct
 * name becomes one function (file "<name's package>.go"), each function one frame at line 1.
 */
export function profileFromStacks(
  samples: readonly FixtureSample[],
  sampleTypes: SampleType[] = [{ type: "cpu", unit: "nanoseconds" }],
): Profile {
  const functions: ProfileFunction[] = [];
  const idByName = new Map<string, number>();
  const stackFrames: number[] = [];
  const stackStart: number[] = [0];
  const values: number[] = [];
  for (const sample of samples) {
    if (sample.values.length !== sampleTypes.length) {
      throw new Error(`fixture sample [${sample.stack.join(" ")}] has ${sample.values.length} values`);
    }
    for (const name of sample.stack) {
      let id = idByName.get(name);
      if (id === undefined) {
        id = functions.length;
        idByName.set(name, id);
        functions.push({ name, filename: `${name.split(".")[0]}.go`, startLine: 1 });
      }
      stackFrames.push(id);
    }
    stackStart.push(stackFrames.length);
    values.push(...sample.values);
  }
  return {
    sampleTypes,
    defaultSampleTypeIndex: sampleTypes.length - 1,
    periodType: null,
    period: 0,
    timeMs: 0,
    durationNanos: 0,
    comments: [],
    functions,
    frameFunction: Uint32Array.from(functions, (_, i) => i),
    frameLine: new Uint32Array(functions.length).fill(1),
    sampleCount: samples.length,
    stackStart: Uint32Array.from(stackStart),
    stackFrames: Uint32Array.from(stackFrames),
    values: Float64Array.from(values),
  };
}

/** Shorthand: "a;b;c" is the stack root a → b → c (root first, as flame graph tools write it). */
export function stacks(...lines: [string, number][]): FixtureSample[] {
  return lines.map(([path, value]) => ({ stack: path.split(";").reverse(), values: [value] }));
}

/** The nodes of a tree as "root-first;path total/self" lines in pre-order, for readable assertions. */
export function treeLines(tree: {
  nodeCount: number;
  nodeParent: Int32Array;
  nodeSelf: Float64Array;
  nodeTotal: Float64Array;
  nodeName: (node: number) => string;
}): string[] {
  const paths: string[] = [];
  const lines: string[] = [];
  for (let i = 0; i < tree.nodeCount; i++) {
    const parent = tree.nodeParent[i]!;
    paths[i] = parent < 0 ? tree.nodeName(i) : `${paths[parent]};${tree.nodeName(i)}`;
    lines.push(`${paths[i]} ${tree.nodeTotal[i]}/${tree.nodeSelf[i]}`);
  }
  return lines;
}

/** A profile of random stacks over a few dozen functions, reproducible from its seed. */
export function randomProfile(samples: number, seed: number): Profile {
  const next = seededRandom(seed);
  return profileFromStacks(
    Array.from({ length: samples }, () => ({
      stack: Array.from({ length: 1 + next(12) }, () => `pkg${next(4)}.f${next(10)}`),
      values: [1 + next(100)],
    })),
  );
}

/** A small seeded generator (mulberry32): next(n) is an integer in [0, n). */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
}
