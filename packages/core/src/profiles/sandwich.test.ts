import { describe, expect, it } from "vitest";
import type { FlameTree } from "./flame-tree.ts";
import { profileFromStacks, randomProfile, stacks, treeLines } from "./profile-fixture.test-support.ts";
import { computeTop } from "./profile-top.ts";
import { calleesOf, callersOf } from "./sandwich.ts";

const linesOf = (tree: FlameTree) =>
  treeLines({ ...tree, nodeName: (i) => tree.functions[tree.nodeFunction[i]!]!.name });

const profile = profileFromStacks(
  stacks(
    ["main;serve;encode;json.Marshal", 30],
    ["main;export;encode;json.Marshal", 10],
    ["main;export;encode", 5],
    ["main;gc", 15],
    ["main;walk;walk;encode", 4],
  ),
);

describe("sandwich view", () => {
  it("shows who called a function, merged over every call site, as an inverted tree", () => {
    expect(linesOf(callersOf(profile, "encode", { sampleTypeIndex: 0 }))).toEqual([
      "encode 49/0",
      "encode;export 15/0",
      "encode;export;main 15/15",
      "encode;serve 30/0",
      "encode;serve;main 30/30",
      "encode;walk 4/0",
      "encode;walk;walk 4/0",
      "encode;walk;walk;main 4/4",
    ]);
  });

  it("shows what a function called, merged over every call site", () => {
    const tree = calleesOf(profile, "encode", { sampleTypeIndex: 0 });
    expect(linesOf(tree)).toEqual(["encode 49/9", "encode;json.Marshal 40/40"]);
    expect(tree.rootPath).toEqual(["encode"]);
    expect(tree.inverted).toBe(false);
  });

  it("counts a recursive function's sample once, at the outermost call for callees and innermost for callers", () => {
    const recursive = profileFromStacks(stacks(["main;walk;walk;walk;visit", 6], ["main;walk", 1]));
    expect(linesOf(calleesOf(recursive, "walk", { sampleTypeIndex: 0 }))).toEqual([
      "walk 7/1",
      "walk;walk 6/0",
      "walk;walk;walk 6/0",
      "walk;walk;walk;visit 6/6",
    ]);
    expect(linesOf(callersOf(recursive, "walk", { sampleTypeIndex: 0 }))).toEqual([
      "walk 7/0",
      "walk;main 1/1",
      "walk;walk 6/0",
      "walk;walk;walk 6/0",
      "walk;walk;walk;main 6/6",
    ]);
  });

  it("totals each function's cum as the top table does, for every function of a random profile", () => {
    const random = randomProfile(1_500, 21);
    const top = computeTop(random, 0);
    const mismatches = top.functions.flatMap(({ name, cum }) => {
      const callers = callersOf(random, name, { sampleTypeIndex: 0 }).nodeTotal[0];
      const callees = calleesOf(random, name, { sampleTypeIndex: 0 }).nodeTotal[0];
      return callers === cum && callees === cum ? [] : [`${name}: cum ${cum}, callers ${callers}, callees ${callees}`];
    });
    expect(mismatches).toEqual([]);
  });

  it("applies focus and hide, and names a function the profile lacks", () => {
    expect(linesOf(calleesOf(profile, "encode", { sampleTypeIndex: 0, hide: /json/ }))).toEqual(["encode 49/49"]);
    expect(linesOf(callersOf(profile, "encode", { sampleTypeIndex: 0, focus: /serve/ }))).toEqual([
      "encode 30/0",
      "encode;serve 30/0",
      "encode;serve;main 30/30",
    ]);
    expect(() => callersOf(profile, "json.Unmarshal", { sampleTypeIndex: 0 })).toThrow(
      'the profile has no function named "json.Unmarshal"',
    );
  });
});
