import { describe, expect, it } from "vitest";
import { directCalls, findGraphNode, graphEdgeRows } from "./graph-edge-rows.ts";
import { testEdge, testNode, testServiceGraph } from "./test-service-graph.ts";

describe("edge rows", () => {
  it("names both ends and puts the busiest call first", () => {
    const rows = graphEdgeRows(testServiceGraph());
    expect(rows.map((r) => r.key).slice(0, 2)).toEqual(["search->db", "gateway->search"]);
    expect(rows[0]).toMatchObject({ fromTitle: "search", toTitle: "db" });
  });

  it("names an external node with its region", () => {
    const graph = {
      ...testServiceGraph(),
      nodes: [
        testNode("checkout"),
        testNode("etcd@us-east", { serviceId: "etcd", name: "etcd", regionIds: ["us-east"], external: true }),
      ],
      edges: [testEdge("checkout", "etcd@us-east", { crossRegion: true, crossRegionRps: 100 })],
    };
    expect(graphEdgeRows(graph)[0]?.toTitle).toBe("etcd · us-east");
  });

  it("lists a service's direct callers and callees", () => {
    const { callers, callees } = directCalls(testServiceGraph(), "checkout");
    expect(callers.map((r) => r.edge.from)).toEqual(["gateway"]);
    expect(callees.map((r) => r.edge.to)).toEqual(["db", "payments"]);
  });
});

describe("findGraphNode", () => {
  const nodes = [testNode("checkout", { name: "Checkout" }), testNode("check"), testNode("payments")];

  it("prefers an exact id or name in any case, then a part of a title", () => {
    expect(findGraphNode(nodes, "CHECK")?.id).toBe("check");
    expect(findGraphNode(nodes, "checkout")?.id).toBe("checkout");
    expect(findGraphNode(nodes, "pay")?.id).toBe("payments");
  });

  it("finds nothing for empty text or no match", () => {
    expect(findGraphNode(nodes, "  ")).toBeNull();
    expect(findGraphNode(nodes, "billing")).toBeNull();
  });
});
