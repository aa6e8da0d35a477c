import { describe, expect, it } from "vitest";
import { frameAnnouncement, frameFacts } from "./frame-facts.ts";
import { nodeNamed, testFlameGraph } from "./test-flame-graph.ts";

describe("frame facts", () => {
  const graph = testFlameGraph({
    name: "root",
    children: [
      {
        name: "runtime.mallocgc",
        file: "runtime/malloc.go",
        self: 20_000_000,
        children: [{ name: "memclr", self: 5_000_000 }],
      },
      { name: "(3 smaller frames)", merged: 3, self: 75_000_000 },
    ],
  });

  it("gives name, file, total and self as shares of the profile", () => {
    expect(frameFacts(graph, nodeNamed(graph, "runtime.mallocgc"))).toEqual({
      name: "runtime.mallocgc",
      file: "runtime/malloc.go",
      facts: [
        { label: "Total", value: "25.0 ms (25.0% of profile)" },
        { label: "Self", value: "20.0 ms (20.0%)" },
      ],
      note: null,
    });
    expect(frameFacts(graph, nodeNamed(graph, "memclr")).file).toBeNull();
  });

  it("says what a merged node stands for", () => {
    expect(frameFacts(graph, nodeNamed(graph, "(3 smaller frames)")).note).toMatch(/^3 frames too small/);
  });

  it("gives before, after and change for a diff, against the profile's total", () => {
    const diff = testFlameGraph(
      {
        name: "root",
        children: [
          { name: "grew", self: 300, baseSelf: 100 },
          { name: "rest", self: 700, baseSelf: 900 },
        ],
      },
      { kind: "diff", sampleType: { type: "alloc_space", unit: "bytes" } },
    );
    expect(frameFacts(diff, nodeNamed(diff, "grew")).facts).toEqual([
      { label: "Before", value: "100 B (10.0%)" },
      { label: "After", value: "300 B (30.0%)" },
      { label: "Change", value: "+200 B (+20.0% of profile)" },
      { label: "Self", value: "100 B → 300 B" },
    ]);
  });

  it("reads as one sentence for screen readers", () => {
    expect(frameAnnouncement(graph, nodeNamed(graph, "memclr"))).toBe(
      "memclr: total 5.00 ms (5.0% of profile), self 5.00 ms (5.0%)",
    );
  });
});
