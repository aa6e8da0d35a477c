import { describe, expect, it } from "vitest";
import type { GraphLayout } from "./graph-layout.ts";
import { neighbourhoodOf } from "./graph-neighbourhood.ts";
import { buildGraphScene, edgeBoundsOf } from "./graph-scene.ts";
import { graphStructureOf } from "./graph-structure.ts";
import { testNode, testServiceGraph } from "./test-service-graph.ts";

const edgeIds = (graph = testServiceGraph()) => graph.edges.map((e) => `${e.from}>${e.to}`);

describe("buildGraphScene", () => {
  it("puts every edge in exactly one batch, grouped by colour, width and dash", () => {
    const graph = testServiceGraph();
    const scene = buildGraphScene(graph, "errors", null);
    const batched = scene.edgeBatches.flatMap((b) => Array.from(b.edges)).sort((a, b) => a - b);
    expect(batched).toEqual(graph.edges.map((_, i) => i));
    const ids = edgeIds(graph);
    const batchOf = (id: string) => scene.edgeBatches.find((b) => Array.from(b.edges).some((e) => ids[e] === id));
    expect(batchOf("checkout>payments")).toMatchObject({ colourClass: 2, dashed: false, dimmed: false });
    expect(batchOf("reports>db")).toMatchObject({ colourClass: 0, dashed: true, widthClass: 1 });
    expect(batchOf("search>db")?.widthClass).toBe(3);
  });

  it("colours by latency when asked", () => {
    const graph = testServiceGraph();
    const scene = buildGraphScene(graph, "latency", null);
    const slow = edgeIds(graph).indexOf("payments>db");
    expect(scene.edgeBatches.find((b) => b.edges.includes(slow))?.colourClass).toBe(2);
  });

  it("draws dimmed edges first and alarming colours last", () => {
    const graph = testServiceGraph();
    const hood = neighbourhoodOf(
      graphStructureOf(graph),
      graph.nodes.findIndex((n) => n.id === "payments"),
    );
    const scene = buildGraphScene(graph, "errors", hood);
    const order = scene.edgeBatches.map((b) => [b.dimmed ? 0 : 1, b.colourClass]);
    expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
    expect(
      scene.edgeBatches.filter((b) => !b.dimmed).flatMap((b) => Array.from(b.edges).map((e) => edgeIds()[e])),
    ).toEqual(expect.arrayContaining(["checkout>payments", "payments>db", "gateway>checkout"]));
    expect(scene.nodeRole).toBe(hood.nodeRole);
  });

  it("groups nodes by health, kind and emphasis", () => {
    const graph = {
      ...testServiceGraph(),
      nodes: [
        testNode("a"),
        testNode("b", { unhealthyInstances: 3 }),
        testNode("c@us", { external: true, regionIds: ["us"] }),
        testNode("d"),
      ],
      edges: [],
    };
    const scene = buildGraphScene(graph, "errors", null);
    const summary = scene.nodeBatches.map((b) => ({
      health: b.health,
      external: b.external,
      nodes: Array.from(b.nodes),
    }));
    expect(summary).toEqual(
      expect.arrayContaining([
        { health: "healthy", external: false, nodes: [0, 3] },
        { health: "unhealthy", external: false, nodes: [1] },
        { health: "healthy", external: true, nodes: [2] },
      ]),
    );
    expect(summary).toHaveLength(3);
  });
});

describe("edgeBoundsOf", () => {
  it("boxes each edge's route", () => {
    const layout = {
      edgePointStart: Uint32Array.from([0, 3, 5]),
      edgePoints: Float64Array.from([0, 10, 50, -5, 100, 20, 7, 7, 8, 9]),
    } as GraphLayout;
    expect(Array.from(edgeBoundsOf(layout))).toEqual([0, -5, 100, 20, 7, 7, 8, 9]);
  });
});
