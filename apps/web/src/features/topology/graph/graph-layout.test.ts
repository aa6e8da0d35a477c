import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { elkGraphOf, layoutFromElk, layoutOptionsFor } from "./graph-layout.ts";
import { graphStructureOf } from "./graph-structure.ts";
import { testNode, testServiceGraph } from "./test-service-graph.ts";

// The real ELK (its bundled build runs in Node as in the worker): the layout is what users see.
const elk = new ELK();
const layOut = async (graph = testServiceGraph()) => {
  const structure = graphStructureOf(graph);
  return { structure, layout: layoutFromElk(structure, await elk.layout(elkGraphOf(structure))) };
};

describe("the layered layout", () => {
  it("puts every caller left of its callees, with no two boxes overlapping", async () => {
    const { structure, layout } = await layOut();
    for (const { from, to } of structure.edges) {
      expect(layout.nodeX[from]! + layout.nodeWidth[from]!).toBeLessThan(layout.nodeX[to]!);
    }
    for (let a = 0; a < structure.nodes.length; a++) {
      for (let b = a + 1; b < structure.nodes.length; b++) {
        const apart =
          layout.nodeX[a]! + layout.nodeWidth[a]! <= layout.nodeX[b]! ||
          layout.nodeX[b]! + layout.nodeWidth[b]! <= layout.nodeX[a]! ||
          layout.nodeY[a]! + layout.nodeHeight[a]! <= layout.nodeY[b]! ||
          layout.nodeY[b]! + layout.nodeHeight[b]! <= layout.nodeY[a]!;
        expect(apart).toBe(true);
      }
    }
    expect(layout.widthPx).toBeGreaterThan(0);
    expect(layout.key).toBe(structure.key);
  });

  it("routes each edge from its caller's box to its callee's box", async () => {
    const { structure, layout } = await layOut();
    structure.edges.forEach(({ from, to }, edge) => {
      const first = layout.edgePointStart[edge]!;
      const last = layout.edgePointStart[edge + 1]! - 1;
      expect(last).toBeGreaterThan(first);
      expect(layout.edgePoints[first * 2]).toBeCloseTo(layout.nodeX[from]! + layout.nodeWidth[from]!, 0);
      expect(layout.edgePoints[last * 2]).toBeCloseTo(layout.nodeX[to]!, 0);
    });
  });

  it("lays the same structure out the same way every time", async () => {
    const first = await layOut();
    const second = await layOut();
    expect(Array.from(second.layout.nodeX)).toEqual(Array.from(first.layout.nodeX));
    expect(Array.from(second.layout.nodeY)).toEqual(Array.from(first.layout.nodeY));
    expect(Array.from(second.layout.edgePoints)).toEqual(Array.from(first.layout.edgePoints));
  });

  it("trades polish for time above 150 services", () => {
    const small = graphStructureOf(testServiceGraph());
    const nodes = Array.from({ length: 151 }, (_, i) => testNode(`s${i}`));
    const large = graphStructureOf({ ...testServiceGraph(), nodes, edges: [] });
    expect(layoutOptionsFor(small)["elk.layered.thoroughness"]).toBe("7");
    expect(layoutOptionsFor(large)).toMatchObject({
      "elk.layered.thoroughness": "1",
      "elk.layered.nodePlacement.strategy": "SIMPLE",
    });
    expect(layoutOptionsFor(large)["elk.algorithm"]).toBe("layered");
  });

  it("draws an edge ELK left unrouted as a straight line between the boxes", () => {
    const structure = graphStructureOf(testServiceGraph());
    const children = structure.nodes.map((node, index) => ({
      id: `n${index}`,
      x: index * 200,
      y: 10,
      width: node.widthPx,
      height: node.heightPx,
    }));
    const layout = layoutFromElk(structure, { id: "root", children, edges: [] });
    const { from, to } = structure.edges[0]!;
    const start = layout.edgePointStart[0]!;
    expect(Array.from(layout.edgePoints.slice(start * 2, start * 2 + 4))).toEqual([
      from * 200 + structure.nodes[from]!.widthPx,
      10 + structure.nodes[from]!.heightPx / 2,
      to * 200,
      10 + structure.nodes[to]!.heightPx / 2,
    ]);
  });
});
