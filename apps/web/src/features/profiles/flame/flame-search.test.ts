import { describe, expect, it } from "vitest";
import { framesOfFunction, parsePattern, searchFlameGraph } from "./flame-search.ts";
import { nodeNamed, testFlameGraph } from "./test-flame-graph.ts";

// root 100: main 60 (mallocgc 25 (mallocgc 5 inside: recursion), work 35), gcBgMarkWorker 30 (scan 30), 10 self.
const graph = testFlameGraph({
  name: "root",
  self: 10,
  children: [
    {
      name: "main",
      children: [
        { name: "runtime.mallocgc", self: 20, children: [{ name: "runtime.mallocgc", self: 5 }] },
        { name: "work", self: 35 },
      ],
    },
    { name: "runtime.gcBgMarkWorker", children: [{ name: "scan", self: 30 }] },
    { name: "(3 smaller frames)", merged: 3, self: 0 },
  ],
});

describe("search patterns", () => {
  it("compiles a valid regex", () => {
    const parsed = parsePattern("^runtime\\.");
    expect(parsed.ok && parsed.regex.test("runtime.mallocgc")).toBe(true);
  });

  it("says what is wrong with an invalid one instead of throwing", () => {
    const parsed = parsePattern("gc(", "search");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^The search is not a valid regular expression: .*gc\(/);
  });
});

describe("searching a flame graph", () => {
  it("marks every matching frame and sums the matches once per sample", () => {
    const result = searchFlameGraph(graph, /runtime\./);
    const marked = [...result.matched.keys()].filter((i) => result.matched[i] === 1);
    expect(marked.map((i) => graph.strings[graph.nodeName[i]!])).toEqual([
      "runtime.mallocgc",
      "runtime.mallocgc",
      "runtime.gcBgMarkWorker",
    ]);
    // 25 (outer mallocgc, the recursive one inside is not added again) + 30.
    expect(result.matchedValue).toBe(55);
    expect(result.matchedRatio).toBeCloseTo(0.55);
    expect(result.matchedFrames).toBe(3);
  });

  it("adds sibling matches: separate subtrees hold separate samples", () => {
    expect(searchFlameGraph(graph, /^(work|scan)$/).matchedValue).toBe(65);
  });

  it("never matches the merged '(N smaller frames)' nodes", () => {
    expect(searchFlameGraph(graph, /smaller/).matchedFrames).toBe(0);
  });

  it("ignores a global flag, which would make test() remember its last position", () => {
    expect(searchFlameGraph(graph, /mallocgc/g).matchedFrames).toBe(2);
  });

  it("measures against the whole profile, not a zoomed subtree", () => {
    const zoomed = testFlameGraph({ name: "main", children: [{ name: "work", self: 35 }] }, { profileTotal: 100 });
    expect(searchFlameGraph(zoomed, /work/).matchedRatio).toBeCloseTo(0.35);
  });
});

describe("frames of one function", () => {
  it("marks each frame of that function and nothing else", () => {
    const marked = framesOfFunction(graph, "runtime.mallocgc");
    expect(marked[nodeNamed(graph, "runtime.mallocgc")]).toBe(1);
    expect(marked.reduce((sum, flag) => sum + flag, 0)).toBe(2);
    expect(framesOfFunction(graph, "absent").some((flag) => flag === 1)).toBe(false);
  });
});
