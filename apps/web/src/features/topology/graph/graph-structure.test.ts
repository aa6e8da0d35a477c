import { describe, expect, it } from "vitest";
import { graphStructureOf, nodeHeightPx, nodeWidthPx } from "./graph-structure.ts";
import { testEdge, testNode, testServiceGraph } from "./test-service-graph.ts";

describe("graphStructureOf", () => {
  it("lists nodes with box sizes and edges as node indexes, in the graph's order", () => {
    const graph = testServiceGraph();
    const structure = graphStructureOf(graph);
    expect(structure.nodes.map((n) => n.id)).toEqual(graph.nodes.map((n) => n.id));
    expect(structure.nodes[0]).toEqual({
      id: "checkout",
      widthPx: nodeWidthPx(graph.nodes[0]!),
      heightPx: nodeHeightPx,
    });
    expect(structure.edges[0]).toEqual({ from: 0, to: 1 });
    expect(structure.edges).toHaveLength(graph.edges.length);
  });

  it("keeps its key when only traffic, errors, latency or counts change", () => {
    const graph = testServiceGraph();
    const busier = {
      ...graph,
      atMs: 9_000,
      nodes: graph.nodes.map((n) => ({ ...n, instances: n.instances + 4, unhealthyInstances: 1 })),
      edges: graph.edges.map((e) => ({ ...e, rps: e.rps * 3, errorRatio: 0.5, p99LatencyMs: 999 })),
    };
    expect(graphStructureOf(busier).key).toBe(graphStructureOf(graph).key);
  });

  it("changes its key when a call or a service comes or goes, or a name changes a box's size", () => {
    const graph = testServiceGraph();
    const key = graphStructureOf(graph).key;
    expect(graphStructureOf({ ...graph, edges: graph.edges.slice(1) }).key).not.toBe(key);
    expect(graphStructureOf({ ...graph, edges: [...graph.edges, testEdge("reports", "search")] }).key).not.toBe(key);
    expect(graphStructureOf({ ...graph, nodes: [...graph.nodes, testNode("zeta")] }).key).not.toBe(key);
    const renamed = graph.nodes.map((n) => (n.id === "db" ? { ...n, name: "the primary relational database" } : n));
    expect(graphStructureOf({ ...graph, nodes: renamed }).key).not.toBe(key);
  });

  it("sizes boxes by their title, within bounds, and names an external node's region", () => {
    expect(nodeWidthPx(testNode("a"))).toBe(130);
    expect(nodeWidthPx(testNode("x", { name: "x".repeat(200) }))).toBe(240);
    const external = testNode("etcd@us-east", { name: "etcd", regionIds: ["us-east"], external: true });
    expect(nodeWidthPx(external)).toBeGreaterThan(nodeWidthPx(testNode("etcd")));
  });
});
