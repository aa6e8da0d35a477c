import { describe, expect, it } from "vitest";
import { EdgeRole, NodeRole, neighbourhoodOf } from "./graph-neighbourhood.ts";
import { graphStructureOf } from "./graph-structure.ts";
import { testEdge, testNode, testServiceGraph } from "./test-service-graph.ts";

const roles = (graph = testServiceGraph(), selectedId = "checkout") => {
  const structure = graphStructureOf(graph);
  const selected = graph.nodes.findIndex((n) => n.id === selectedId);
  const hood = neighbourhoodOf(structure, selected);
  const byNode = Object.fromEntries(graph.nodes.map((n, i) => [n.id, hood.nodeRole[i]]));
  const byEdge = Object.fromEntries(graph.edges.map((e, i) => [`${e.from}>${e.to}`, hood.edgeRole[i]]));
  return { hood, byNode, byEdge };
};

describe("neighbourhoodOf", () => {
  it("finds every caller upstream and every callee downstream, however far, and dims the rest", () => {
    const { hood, byNode } = roles();
    expect(byNode).toEqual({
      checkout: NodeRole.selected,
      gateway: NodeRole.upstream,
      payments: NodeRole.downstream,
      db: NodeRole.downstream,
      search: NodeRole.dimmed,
      reports: NodeRole.dimmed,
    });
    expect(hood).toMatchObject({ upstreamCount: 1, downstreamCount: 2 });
  });

  it("lights the edges on those paths only", () => {
    const { byEdge } = roles();
    expect(byEdge).toEqual({
      "gateway>checkout": EdgeRole.upstream,
      "checkout>payments": EdgeRole.downstream,
      "checkout>db": EdgeRole.downstream,
      "payments>db": EdgeRole.downstream,
      "gateway>search": EdgeRole.dimmed,
      "search>db": EdgeRole.dimmed,
      "reports>db": EdgeRole.dimmed,
    });
  });

  it("reaches every caller of a data store through any path", () => {
    const { byNode, hood } = roles(testServiceGraph(), "db");
    expect(hood.upstreamCount).toBe(5);
    expect(byNode.reports).toBe(NodeRole.upstream);
    expect(hood.downstreamCount).toBe(0);
  });

  it("terminates on a cycle and counts a node both up- and downstream as downstream", () => {
    const graph = {
      ...testServiceGraph(),
      nodes: ["a", "b", "c"].map((id) => testNode(id)),
      edges: [testEdge("a", "b"), testEdge("b", "c"), testEdge("c", "a")],
    };
    const { byNode, byEdge } = roles(graph, "a");
    expect(byNode).toEqual({ a: NodeRole.selected, b: NodeRole.downstream, c: NodeRole.downstream });
    // The call back into the selection is a call from upstream.
    expect(byEdge).toEqual({ "a>b": EdgeRole.downstream, "b>c": EdgeRole.downstream, "c>a": EdgeRole.upstream });
  });
});
