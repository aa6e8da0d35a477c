import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toFlameGraph } from "./flame-budget.ts";
import type { FlameGraph } from "./flame-graph.ts";
import { buildFlameTree } from "./flame-tree.ts";
import { profileFromStacks, randomProfile, stacks, treeLines } from "./profile-fixture.test-support.ts";

const linesOf = (graph: FlameGraph) =>
  treeLines({ ...graph, nodeCount: graph.nodeName.length, nodeName: (i) => graph.strings[graph.nodeName[i]!]! });

// root 100 → main 100 → { a 60 → a1 60, b 25 → { b1 20, b2 5 }, c 10, d 5 }
const tree = buildFlameTree(
  profileFromStacks(stacks(["main;a;a1", 60], ["main;b;b1", 20], ["main;b;b2", 5], ["main;c", 10], ["main;d", 5]), [
    { type: "samples", unit: "count" },
  ]),
  { sampleTypeIndex: 0 },
);

describe("toFlameGraph", () => {
  it("keeps the whole tree when it fits, with names then files in the string table", () => {
    const graph = toFlameGraph(tree, { maxNodes: 100 });
    expect(linesOf(graph)).toEqual([
      "root 100/0",
      "root;main 100/0",
      "root;main;a 60/0",
      "root;main;a;a1 60/60",
      "root;main;b 25/0",
      "root;main;b;b1 20/20",
      "root;main;b;b2 5/5",
      "root;main;c 10/10",
      "root;main;d 5/5",
    ]);
    expect(graph.strings).toEqual([
      ...["root", "main", "a", "a1", "b", "b1", "b2", "c", "d"],
      ...["main.go", "a.go", "a1.go", "b.go", "b1.go", "b2.go", "c.go", "d.go"],
    ]);
    expect(Array.from(graph.nodeFile.slice(0, 3))).toEqual([0xffffffff, 9, 10]);
    expect(Array.from(graph.nodeMerged)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(graph).toMatchObject({
      kind: "single",
      sampleType: { type: "samples", unit: "count" },
      profileTotal: 100,
      rootPath: [],
    });
    expect(graph.baseTotal).toBeUndefined();
  });

  it("keeps the biggest frames and merges the small children of each parent into one node", () => {
    const graph = toFlameGraph(tree, { maxNodes: 7 });
    expect(linesOf(graph)).toEqual([
      "root 100/0",
      "root;main 100/0",
      "root;main;a 60/0",
      "root;main;a;a1 60/60",
      "root;main;b 25/0",
      "root;main;b;(2 smaller frames) 25/25",
      "root;main;(2 smaller frames) 15/15",
    ]);
    expect(Array.from(graph.nodeMerged)).toEqual([0, 0, 0, 0, 0, 2, 2]);
    expect(Array.from(graph.subtreeEnd)).toEqual([7, 7, 4, 4, 6, 6, 7]);
    expect(Array.from(graph.nodeDepth)).toEqual([0, 1, 2, 3, 2, 3, 2]);
    expect(graph.nodeFile[6]).toBe(0xffffffff);
  });

  it("stops at the first frame that does not fit rather than keep a smaller one after it", () => {
    // b needs two nodes (itself and its merged children); only one is left, so c and d stay merged too.
    expect(linesOf(toFlameGraph(tree, { maxNodes: 6 }))).toEqual([
      "root 100/0",
      "root;main 100/0",
      "root;main;a 60/0",
      "root;main;a;a1 60/60",
      "root;main;(3 smaller frames) 40/40",
    ]);
  });

  it("never leaves a parent without its merged node, even at the smallest budget", () => {
    expect(linesOf(toFlameGraph(tree, { maxNodes: 2 }))).toEqual(["root 100/0", "root;(1 smaller frame) 100/100"]);
    expect(linesOf(toFlameGraph(tree, { maxNodes: 3 }))).toEqual([
      "root 100/0",
      "root;main 100/0",
      "root;main;(4 smaller frames) 100/100",
    ]);
  });

  it("refuses a budget that cannot hold the root and its merged children", () => {
    expect(() => toFlameGraph(tree, { maxNodes: 1 })).toThrow("maxNodes must be an integer ≥ 2, not 1");
    expect(() => toFlameGraph(tree, { maxNodes: 2.5 })).toThrow("maxNodes must be an integer ≥ 2, not 2.5");
  });

  it("stays within budget, in pre-order, with totals that add up, for any profile and budget", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 2, max: 400 }), (seed, maxNodes) => {
        const full = buildFlameTree(randomProfile(300, seed), { sampleTypeIndex: 0 });
        const graph = toFlameGraph(full, { maxNodes });
        const n = graph.nodeName.length;
        expect(n).toBeLessThanOrEqual(maxNodes);
        if (full.nodeCount <= maxNodes) expect(n).toBe(full.nodeCount);
        const childSum = new Float64Array(n);
        const problems: string[] = [];
        for (let i = 1; i < n; i++) {
          const parent = graph.nodeParent[i]!;
          childSum[parent]! += graph.nodeTotal[i]!;
          if (parent >= i || graph.subtreeEnd[parent]! < graph.subtreeEnd[i]!)
            problems.push(`node ${i} outside its parent`);
          if (graph.nodeDepth[i] !== graph.nodeDepth[parent]! + 1) problems.push(`node ${i} depth`);
        }
        for (let i = 0; i < n; i++) {
          if (Math.abs(graph.nodeTotal[i]! - graph.nodeSelf[i]! - childSum[i]!) > 1e-6) problems.push(`node ${i} sum`);
        }
        expect(problems).toEqual([]);
        expect(graph.nodeTotal[0]).toBe(full.nodeTotal[0]);
        expect(graph.subtreeEnd[0]).toBe(n);
      }),
      { seed: 5, numRuns: 60 },
    );
  });

  it("cuts a diff tree by target plus baseline", () => {
    const diffTree = {
      ...tree,
      // Baseline: b was far bigger, a absent.
      baseSelf: Float64Array.from([0, 0, 0, 0, 0, 200, 0, 0, 0]),
      baseTotal: Float64Array.from([200, 200, 0, 0, 200, 200, 0, 0, 0]),
    };
    const graph = toFlameGraph(diffTree, { maxNodes: 6 });
    expect(graph.kind).toBe("diff");
    expect(linesOf(graph)).toEqual([
      "root 100/0",
      "root;main 100/0",
      "root;main;b 25/0",
      "root;main;b;b1 20/20",
      "root;main;b;(1 smaller frame) 5/5",
      "root;main;(3 smaller frames) 75/75",
    ]);
    expect(Array.from(graph.baseTotal!)).toEqual([200, 200, 200, 200, 0, 0]);
    expect(Array.from(graph.baseSelf!)).toEqual([0, 0, 0, 200, 0, 0]);
  });
});
