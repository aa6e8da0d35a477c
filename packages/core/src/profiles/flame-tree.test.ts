import { describe, expect, it } from "vitest";
import { buildFlameTree, type FlameTree } from "./flame-tree.ts";
import { profileFromStacks, randomProfile, stacks, treeLines } from "./profile-fixture.test-support.ts";

const linesOf = (tree: FlameTree) =>
  treeLines({ ...tree, nodeName: (i) => tree.functions[tree.nodeFunction[i]!]?.name ?? "root" });

const server = profileFromStacks(
  stacks(
    ["main;serve;handle;json.Marshal", 30],
    ["main;serve;handle;db.Query", 50],
    ["main;serve;handle", 5],
    ["main;gc;runtime.mallocgc", 15],
  ),
);

describe("buildFlameTree", () => {
  it("merges call paths by function, sorts children by name and keeps subtrees contiguous", () => {
    const tree = buildFlameTree(server, { sampleTypeIndex: 0 });
    expect(linesOf(tree)).toEqual([
      "root 100/0",
      "root;main 100/0",
      "root;main;gc 15/0",
      "root;main;gc;runtime.mallocgc 15/15",
      "root;main;serve 85/0",
      "root;main;serve;handle 85/5",
      "root;main;serve;handle;db.Query 50/50",
      "root;main;serve;handle;json.Marshal 30/30",
    ]);
    expect(Array.from(tree.subtreeEnd)).toEqual([8, 8, 4, 4, 8, 8, 7, 8]);
    expect(Array.from(tree.nodeDepth)).toEqual([0, 1, 2, 3, 2, 3, 4, 4]);
    expect(tree.profileTotal).toBe(100);
    expect(tree.rootPath).toEqual([]);
  });

  it("builds the tree of the sample type asked for and skips samples worth nothing in it", () => {
    const profile = profileFromStacks(
      [
        { stack: ["make", "main"], values: [1, 4096] },
        { stack: ["idle", "main"], values: [3, 0] },
      ],
      [
        { type: "alloc_objects", unit: "count" },
        { type: "alloc_space", unit: "bytes" },
      ],
    );
    expect(linesOf(buildFlameTree(profile, { sampleTypeIndex: 1 }))).toEqual([
      "root 4096/0",
      "root;main 4096/0",
      "root;main;make 4096/4096",
    ]);
    expect(() => buildFlameTree(profile, { sampleTypeIndex: 2 })).toThrow(
      "sample type index 2 is out of range: the profile has 0 alloc_objects, 1 alloc_space",
    );
  });

  it("keeps recursion as nested frames", () => {
    const tree = buildFlameTree(profileFromStacks(stacks(["main;walk;walk;walk", 2], ["main;walk", 1])), {
      sampleTypeIndex: 0,
    });
    expect(linesOf(tree)).toEqual([
      "root 3/0",
      "root;main 3/0",
      "root;main;walk 3/1",
      "root;main;walk;walk 2/0",
      "root;main;walk;walk;walk 2/2",
    ]);
  });

  it("reads stacks from leaf to root when inverted, an icicle of callers", () => {
    const tree = buildFlameTree(server, { sampleTypeIndex: 0, inverted: true });
    expect(linesOf(tree)).toEqual([
      "root 100/0",
      "root;db.Query 50/0",
      "root;db.Query;handle 50/0",
      "root;db.Query;handle;serve 50/0",
      "root;db.Query;handle;serve;main 50/50",
      "root;handle 5/0",
      "root;handle;serve 5/0",
      "root;handle;serve;main 5/5",
      "root;json.Marshal 30/0",
      "root;json.Marshal;handle 30/0",
      "root;json.Marshal;handle;serve 30/0",
      "root;json.Marshal;handle;serve;main 30/30",
      "root;runtime.mallocgc 15/0",
      "root;runtime.mallocgc;gc 15/0",
      "root;runtime.mallocgc;gc;main 15/15",
    ]);
  });

  it("keeps whole stacks of the samples that pass through a focused function", () => {
    const tree = buildFlameTree(server, { sampleTypeIndex: 0, focus: /^db\./ });
    expect(linesOf(tree)).toEqual([
      "root 50/0",
      "root;main 50/0",
      "root;main;serve 50/0",
      "root;main;serve;handle 50/0",
      "root;main;serve;handle;db.Query 50/50",
    ]);
    expect(tree.profileTotal).toBe(100);
  });

  it("matches focus and hide against file names too, as pprof does", () => {
    // The fixture files each function under "<package>.go": runtime.mallocgc is in runtime.go.
    const tree = buildFlameTree(server, { sampleTypeIndex: 0, focus: /^runtime\.go$/ });
    expect(tree.nodeTotal[0]).toBe(15);
  });

  it("drops hidden frames from stacks and samples left with none", () => {
    const profile = profileFromStacks(stacks(["main;serve;handle", 5], ["runtime.gcBgMarkWorker", 7]));
    const tree = buildFlameTree(profile, { sampleTypeIndex: 0, hide: /^(serve|runtime\.)/ });
    expect(linesOf(tree)).toEqual(["root 5/0", "root;main 5/0", "root;main;handle 5/5"]);
  });

  it("treats a global pattern like any other, whatever test() was asked before", () => {
    const focus = /db/g;
    const once = buildFlameTree(server, { sampleTypeIndex: 0, focus });
    const twice = buildFlameTree(server, { sampleTypeIndex: 0, focus });
    expect(once.nodeTotal[0]).toBe(50);
    expect(twice.nodeTotal[0]).toBe(50);
  });

  it("roots the tree at the end of a zoom path, at full detail", () => {
    const tree = buildFlameTree(server, { sampleTypeIndex: 0, rootPath: ["main", "serve"] });
    expect(linesOf(tree)).toEqual([
      "serve 85/0",
      "serve;handle 85/5",
      "serve;handle;db.Query 50/50",
      "serve;handle;json.Marshal 30/30",
    ]);
    expect(tree.rootPath).toEqual(["main", "serve"]);
    expect(tree.nodeParent[0]).toBe(-1);
    expect(tree.profileTotal).toBe(100);
  });

  it("zooms on an inverted tree along a leaf-first path", () => {
    const tree = buildFlameTree(server, { sampleTypeIndex: 0, inverted: true, rootPath: ["handle"] });
    expect(linesOf(tree)).toEqual(["handle 5/0", "handle;serve 5/0", "handle;serve;main 5/5"]);
  });

  it("gives an empty tree for a zoom path the profile does not have", () => {
    const tree = buildFlameTree(server, { sampleTypeIndex: 0, rootPath: ["main", "nowhere"] });
    expect(linesOf(tree)).toEqual(["nowhere 0/0"]);
    expect(buildFlameTree(server, { sampleTypeIndex: 0, rootPath: ["serve"] }).nodeTotal[0]).toBe(0);
  });

  it("puts a sample without frames in the root's self", () => {
    const tree = buildFlameTree(profileFromStacks([{ stack: [], values: [4] }, ...stacks(["main", 1])]), {
      sampleTypeIndex: 0,
    });
    expect(linesOf(tree)).toEqual(["root 5/4", "root;main 1/1"]);
  });

  it("counts negative values (a pprof diff profile) by their size in the profile total", () => {
    const tree = buildFlameTree(profileFromStacks(stacks(["main;grew", 30], ["main;shrank", -10])), {
      sampleTypeIndex: 0,
    });
    expect(tree.profileTotal).toBe(40);
    expect(linesOf(tree)).toEqual(["root 20/0", "root;main 20/0", "root;main;grew 30/30", "root;main;shrank -10/-10"]);
  });

  it("adds up: every node's total is its self plus its children's totals", () => {
    const profile = randomProfile(2_000, 7);
    for (const inverted of [false, true]) {
      const tree = buildFlameTree(profile, { sampleTypeIndex: 0, inverted });
      const childSum = new Float64Array(tree.nodeCount);
      for (let i = 1; i < tree.nodeCount; i++) childSum[tree.nodeParent[i]!]! += tree.nodeTotal[i]!;
      const problems: string[] = [];
      for (let i = 0; i < tree.nodeCount; i++) {
        if (Math.abs(tree.nodeTotal[i]! - tree.nodeSelf[i]! - childSum[i]!) > 1e-6) problems.push(`node ${i} sum`);
        if (tree.nodeParent[i]! >= i) problems.push(`node ${i} parent`);
        if (tree.subtreeEnd[i]! <= i) problems.push(`node ${i} subtree`);
      }
      expect(problems).toEqual([]);
      expect(tree.nodeCount).toBeGreaterThan(1_000);
      expect(tree.nodeTotal[0]).toBe(tree.profileTotal);
    }
  });
});
