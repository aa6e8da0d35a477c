import type { FlameTree } from "./flame-tree.ts";
import { FlameTrie, nameRanks } from "./flame-trie.ts";
import type { Profile } from "./profile.ts";
import { ProfileQueryError } from "./profile-query-error.ts";
import { checkSampleTypeIndex, profileTotalOf, type SampleFilter, SampleStackReader } from "./sample-stacks.ts";

export interface SandwichOptions extends SampleFilter {
  sampleTypeIndex: number;
}

/**
 * The callers half of a sandwich view: an inverted tree rooted at the function, its children the
 * functions that called it, and so on up to the stack roots. A sample is counted once, at the
 * function's innermost occurrence, so the root's total is the function's cum.
 */
export function callersOf(profile: Profile, functionName: string, options: SandwichOptions): FlameTree {
  return sandwichTree(profile, functionName, options, "callers");
}

/**
 * The callees half of a sandwich view: a tree rooted at the function merging every place it was
 * called from, its children what it called. Under recursion a sample is counted once, at the
 * outermost occurrence (inner ones show as nested frames), so the root's total is the cum.
 */
export function calleesOf(profile: Profile, functionName: string, options: SandwichOptions): FlameTree {
  return sandwichTree(profile, functionName, options, "callees");
}

function sandwichTree(
  profile: Profile,
  functionName: string,
  options: SandwichOptions,
  view: "callers" | "callees",
): FlameTree {
  const { sampleTypeIndex } = options;
  checkSampleTypeIndex(profile, sampleTypeIndex);
  const focal = profile.functions.findIndex((fn) => fn.name === functionName);
  if (focal < 0) throw new ProfileQueryError(`the profile has no function named "${functionName}"`);

  const trie = new FlameTrie(nameRanks(profile.functions.map((f) => f.name)), focal, false);
  const reader = new SampleStackReader(profile, options);
  const stack = reader.stack;
  // Callers read the stack from the leaf and callees from the root; either way the first
  // occurrence met is the one that counts.
  const order = view === "callers" ? "leaf-first" : "root-first";
  const width = profile.sampleTypes.length;
  for (let i = 0; i < profile.sampleCount; i++) {
    const value = profile.values[i * width + sampleTypeIndex]!;
    if (value === 0) continue;
    const length = reader.read(i, order);
    const at = length > 0 ? stack.subarray(0, length).indexOf(focal) : -1;
    if (at >= 0) trie.addPath(stack, at + 1, length, value, "target");
  }
  return {
    ...trie.finish(),
    functions: profile.functions,
    sampleTypes: profile.sampleTypes,
    sampleTypeIndex,
    profileTotal: profileTotalOf(profile, sampleTypeIndex),
    rootPath: [functionName],
    inverted: view === "callers",
  };
}
