import { describe, expect, it } from "vitest";
import { boundsOfNodes, nodeAt } from "./graph-hit-test.ts";
import type { GraphLayout } from "./graph-layout.ts";

const layout = {
  nodeX: Float64Array.from([0, 200, 210]),
  nodeY: Float64Array.from([0, 0, 20]),
  nodeWidth: Float64Array.from([100, 100, 100]),
  nodeHeight: Float64Array.from([40, 40, 40]),
} as GraphLayout;

describe("nodeAt", () => {
  it("finds the box under a point, and nothing between boxes", () => {
    expect(nodeAt(layout, 50, 20)).toBe(0);
    expect(nodeAt(layout, 150, 20)).toBe(-1);
  });

  it("prefers the box drawn last where two overlap", () => {
    expect(nodeAt(layout, 250, 30)).toBe(2);
  });

  it("takes a slop, so tiny boxes far out can still be hit", () => {
    expect(nodeAt(layout, 103, 20)).toBe(-1);
    expect(nodeAt(layout, 103, 20, 4)).toBe(0);
  });

  it("gives a click in the slop to the nearest box, not to the last one drawn", () => {
    // 104 is 4 from box 0 and 96 from box 1: a slop wider than the gap still picks box 0.
    expect(nodeAt(layout, 104, 20, 150)).toBe(0);
    expect(nodeAt(layout, 190, 20, 150)).toBe(1);
  });
});

describe("boundsOfNodes", () => {
  it("boxes the given nodes, and nothing for none", () => {
    expect(boundsOfNodes(layout, [0, 2])).toEqual({ left: 0, top: 0, right: 310, bottom: 60 });
    expect(boundsOfNodes(layout, [])).toBeNull();
  });
});
