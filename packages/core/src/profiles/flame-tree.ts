import { addSamples, functionIdsByName } from "./flame-samples.ts";
import { type FlameTreeColumns, FlameTrie, nameRanks } from "./flame-trie.ts";
import type { Profile, ProfileFunction, SampleType } from "./profile.ts";
import { checkSampleTypeIndex, profileTotalOf, type SampleFilter } from "./sample-stacks.ts";

/**
 * A call tree at full detail, kept server-side: one node per distinct call path (children merged
 * by function, so recursion stays nested), in depth-first pre-order with each node's children
 * sorted by name, so node i's subtree is [i, subtreeEnd[i]). `toFlameGraph` cuts it to a budget.
 */
export interface FlameTree extends FlameTreeColumns {
  /** What nodeFunction indexes; -1 there is the synthetic root of the whole profile. */
  functions: readonly ProfileFunction[];
  /** The sample types the tree can be asked for; `sampleTypeIndex` is the one it holds. */
  sampleTypes: SampleType[];
  sampleTypeIndex: number;
  /** The 100 %: the sum of the sample type's absolute values over the whole profile, filters aside. */
  profileTotal: number;
  /** Function names from the full tree's root down to node 0; empty when node 0 is the whole profile. */
  rootPath: string[];
  /** True when paths run from leaf to root (an icicle of callers). */
  inverted: boolean;
}

export interface FlameTreeOptions extends SampleFilter {
  sampleTypeIndex: number;
  inverted?: boolean | undefined;
  /** Zoom at full detail: keep the samples whose path starts with these names, rooted at the last. */
  rootPath?: readonly string[] | undefined;
}

/** Builds the full call tree of one sample type, like pprof's flame graph with -focus and -hide. */
export function buildFlameTree(profile: Profile, options: FlameTreeOptions): FlameTree {
  const { sampleTypeIndex } = options;
  checkSampleTypeIndex(profile, sampleTypeIndex);
  const inverted = options.inverted ?? false;
  const rootPath = [...(options.rootPath ?? [])];
  const tree = (functions: readonly ProfileFunction[], columns: FlameTreeColumns): FlameTree => ({
    ...columns,
    functions,
    sampleTypes: profile.sampleTypes,
    sampleTypeIndex,
    profileTotal: profileTotalOf(profile, sampleTypeIndex),
    rootPath,
    inverted,
  });

  const idByName = functionIdsByName(profile.functions);
  const pathIds = rootPath.map((name) => idByName.get(name) ?? -1);
  if (pathIds.includes(-1)) {
    // A path through a function the profile does not have holds no samples.
    const functions = [...profile.functions, { name: rootPath.at(-1)!, filename: "", startLine: 0 }];
    return tree(functions, new FlameTrie(new Int32Array(0), functions.length - 1, false).finish());
  }

  const trie = new FlameTrie(nameRanks(profile.functions.map((f) => f.name)), pathIds.at(-1) ?? -1, false);
  addSamples(trie, profile, { ...options, inverted, pathIds, side: "target" });
  return tree(profile.functions, trie.finish());
}
