import { describe, expect, it } from "vitest";
import { buildDiffFlameGraph, buildDiffFlameTree } from "./flame-diff.ts";
import type { FlameGraph } from "./flame-graph.ts";
import { profileFromStacks, stacks } from "./profile-fixture.test-support.ts";

/** "path target/base" per node, for readable assertions. */
const diffLines = (graph: FlameGraph) => {
  const paths: string[] = [];
  return Array.from(graph.nodeName, (name, i) => {
    const parent = graph.nodeParent[i]!;
    paths[i] = parent < 0 ? graph.strings[name]! : `${paths[parent]};${graph.strings[name]}`;
    return `${paths[i]} ${graph.nodeTotal[i]}/${graph.baseTotal![i]}`;
  });
};

// Before: half the time in JSON. After: twice the work overall, and a new cache in place of half the JSON.
const before = profileFromStacks(stacks(["main;handle;json.Marshal", 50], ["main;handle;db.Query", 50]));
const after = profileFromStacks(
  stacks(["main;handle;json.Marshal", 50], ["main;handle;db.Query", 100], ["main;handle;cache.Get", 50]),
);

describe("buildDiffFlameGraph", () => {
  it("merges both profiles by call path, the baseline scaled to the target's total", () => {
    const graph = buildDiffFlameGraph(before, after, { maxNodes: 100 });
    expect(graph.kind).toBe("diff");
    expect(graph.profileTotal).toBe(200);
    // Scaled ×2: json.Marshal kept its volume but halved its share, so it shrank.
    expect(diffLines(graph)).toEqual([
      "root 200/200",
      "root;main 200/200",
      "root;main;handle 200/200",
      "root;main;handle;cache.Get 50/0",
      "root;main;handle;db.Query 100/100",
      "root;main;handle;json.Marshal 50/100",
    ]);
    expect(Array.from(graph.baseSelf!)).toEqual([0, 0, 0, 0, 100, 100]);
    expect(Array.from(graph.nodeSelf)).toEqual([0, 0, 0, 50, 100, 50]);
  });

  it("keeps paths found only in the baseline (scaled ×½ here)", () => {
    const graph = buildDiffFlameGraph(after, before, { maxNodes: 100 });
    expect(diffLines(graph)).toContain("root;main;handle;cache.Get 0/25");
    expect(graph.strings).toContain("cache.go");
  });

  it("zooms, focuses and hides in both profiles alike", () => {
    expect(diffLines(buildDiffFlameGraph(before, after, { maxNodes: 100, rootPath: ["main", "handle"] }))).toEqual([
      "handle 200/200",
      "handle;cache.Get 50/0",
      "handle;db.Query 100/100",
      "handle;json.Marshal 50/100",
    ]);
    expect(diffLines(buildDiffFlameGraph(before, after, { maxNodes: 100, focus: /json/, hide: /handle/ }))).toEqual([
      "root 50/100",
      "root;main 50/100",
      "root;main;json.Marshal 50/100",
    ]);
    // A zoom into a path only the baseline has.
    expect(
      diffLines(buildDiffFlameGraph(after, before, { maxNodes: 100, rootPath: ["main", "handle", "cache.Get"] })),
    ).toEqual(["cache.Get 0/25"]);
    expect(diffLines(buildDiffFlameGraph(after, before, { maxNodes: 100, rootPath: ["nowhere"] }))).toEqual([
      "nowhere 0/0",
    ]);
  });

  it("cuts to the budget by target plus baseline", () => {
    const graph = buildDiffFlameGraph(before, after, { maxNodes: 5 });
    // json.Marshal (50 + 100) and db.Query (100 + 100) beat cache.Get (50 + 0).
    expect(diffLines(graph)).toEqual([
      "root 200/200",
      "root;main 200/200",
      "root;main;handle 200/200",
      "root;main;handle;db.Query 100/100",
      "root;main;handle;(2 smaller frames) 100/100",
    ]);
  });

  it("compares the sample type asked for, and only types both profiles have", () => {
    const heap = (bytes: number) =>
      profileFromStacks(
        [{ stack: ["make", "main"], values: [1, bytes, 2] }],
        [
          { type: "alloc_objects", unit: "count" },
          { type: "alloc_space", unit: "bytes" },
          { type: "inuse_objects", unit: "count" },
        ],
      );
    const older = profileFromStacks(
      [{ stack: ["make", "main"], values: [1, 10] }],
      [
        { type: "alloc_objects", unit: "count" },
        { type: "alloc_space", unit: "bytes" },
      ],
    );
    const tree = buildDiffFlameTree(older, heap(40), { sampleTypeName: "alloc_space" });
    expect(tree.sampleTypes.map((t) => t.type)).toEqual(["alloc_objects", "alloc_space"]);
    expect(tree.sampleTypes[tree.sampleTypeIndex]?.type).toBe("alloc_space");
    expect(tree.baseTotal?.[0]).toBe(40);
    expect(() => buildDiffFlameTree(older, heap(40), {})).toThrow(
      'sample type "inuse_objects" is not in the base profile, which has alloc_objects, alloc_space',
    );
    expect(() => buildDiffFlameTree(older, heap(40), { sampleTypeName: "cpu" })).toThrow('unknown sample type "cpu"');
    const cpu = profileFromStacks(stacks(["main", 1]), [{ type: "alloc_space", unit: "count" }]);
    expect(() => buildDiffFlameTree(cpu, heap(1), { sampleTypeName: "alloc_space" })).toThrow(
      'sample type "alloc_space" is in count in the base profile but bytes in the target',
    );
  });

  it("shows raw values when one side is empty, there being no share to compare", () => {
    const empty = profileFromStacks([]);
    const graph = buildDiffFlameGraph(empty, before, { maxNodes: 100 });
    expect(diffLines(graph)[0]).toBe("root 100/0");
    expect(diffLines(buildDiffFlameGraph(before, empty, { maxNodes: 100 }))[0]).toBe("root 0/100");
  });
});
