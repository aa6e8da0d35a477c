import { toFlameGraph } from "./flame-budget.ts";
import type { FlameGraph } from "./flame-graph.ts";
import { addSamples, functionIdsByName } from "./flame-samples.ts";
import type { FlameTree } from "./flame-tree.ts";
import { FlameTrie, nameRanks } from "./flame-trie.ts";
import type { Profile, ProfileFunction } from "./profile.ts";
import { ProfileQueryError } from "./profile-query-error.ts";
import { sampleTypeIndexOf } from "./profile-top.ts";
import { profileTotalOf, type SampleFilter } from "./sample-stacks.ts";

export interface DiffFlameOptions extends SampleFilter {
  /** The sample type to compare; the target's default type when not given. */
  sampleTypeName?: string | undefined;
  inverted?: boolean | undefined;
  /** Zoom: names from the root, matched in both profiles. */
  rootPath?: readonly string[] | undefined;
}

export interface DiffFlameGraphOptions extends DiffFlameOptions {
  maxNodes: number;
}

/**
 * A differential flame graph: both profiles merged by call path (function names), the target's
 * values in nodeSelf/nodeTotal and the baseline's, scaled by targetTotal / baseTotal so that
 * the graph shows shifts in share rather than in volume, in baseSelf/baseTotal. A path found in
 * only one profile is kept, zero on the other side. Cut to the budget by target + baseline.
 */
export function buildDiffFlameGraph(base: Profile, target: Profile, options: DiffFlameGraphOptions): FlameGraph {
  return toFlameGraph(buildDiffFlameTree(base, target, options), { maxNodes: options.maxNodes });
}

export function buildDiffFlameTree(base: Profile, target: Profile, options: DiffFlameOptions): FlameTree {
  const targetType = sampleTypeIndexOf(target, options.sampleTypeName);
  const typeName = target.sampleTypes[targetType]!.type;
  const baseType = base.sampleTypes.findIndex((t) => t.type === typeName);
  if (baseType < 0) {
    throw new ProfileQueryError(
      `sample type "${typeName}" is not in the base profile, which has ${base.sampleTypes.map((t) => t.type).join(", ")}`,
    );
  }
  const baseUnit = base.sampleTypes[baseType]!.unit;
  const targetUnit = target.sampleTypes[targetType]!.unit;
  if (baseUnit !== targetUnit) {
    throw new ProfileQueryError(
      `sample type "${typeName}" is in ${baseUnit} in the base profile but ${targetUnit} in the target`,
    );
  }

  const { functions, baseToMerged } = mergeFunctions(target.functions, base.functions);
  const idByName = functionIdsByName(functions);
  const rootPath = [...(options.rootPath ?? [])];
  const pathIds = rootPath.map((name) => idByName.get(name) ?? -1);
  const sharedTypes = target.sampleTypes.filter((t) =>
    base.sampleTypes.some((b) => b.type === t.type && b.unit === t.unit),
  );
  const targetTotal = profileTotalOf(target, targetType);
  const baseTotal = profileTotalOf(base, baseType);
  const tree = (treeFunctions: readonly ProfileFunction[], trie: FlameTrie): FlameTree => ({
    ...trie.finish(),
    functions: treeFunctions,
    sampleTypes: sharedTypes,
    sampleTypeIndex: sharedTypes.findIndex((t) => t.type === typeName),
    profileTotal: targetTotal,
    rootPath,
    inverted: options.inverted ?? false,
  });

  if (pathIds.includes(-1)) {
    // Neither profile has a sample on a path through a function that neither has.
    const withRoot = [...functions, { name: rootPath.at(-1)!, filename: "", startLine: 0 }];
    return tree(withRoot, new FlameTrie(new Int32Array(0), withRoot.length - 1, true));
  }
  const trie = new FlameTrie(nameRanks(functions.map((f) => f.name)), pathIds.at(-1) ?? -1, true);
  const common = { ...options, inverted: options.inverted ?? false, pathIds };
  addSamples(trie, target, { ...common, sampleTypeIndex: targetType, side: "target" });
  addSamples(trie, base, {
    ...common,
    sampleTypeIndex: baseType,
    side: "base",
    functionIdMap: baseToMerged,
    // With nothing on one side there is no share to compare: show the raw values.
    scale: targetTotal > 0 && baseTotal > 0 ? targetTotal / baseTotal : 1,
  });
  return tree(functions, trie);
}

/** The target's functions, then the base's that the target lacks, matched by name. */
function mergeFunctions(
  target: readonly ProfileFunction[],
  base: readonly ProfileFunction[],
): { functions: ProfileFunction[]; baseToMerged: Int32Array } {
  const functions = [...target];
  const idByName = functionIdsByName(target);
  const baseToMerged = Int32Array.from(base, (fn) => {
    let id = idByName.get(fn.name);
    if (id === undefined) {
      id = functions.length;
      functions.push(fn);
      idByName.set(fn.name, id);
    }
    return id;
  });
  return { functions, baseToMerged };
}
