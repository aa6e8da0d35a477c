import type { ServiceGraph, ServiceGraphEdge, ServiceGraphNode } from "@fleetdeck/core";

/** A node for tests: healthy, local, named after its id unless told otherwise. */
export function testNode(id: string, fields: Partial<ServiceGraphNode> = {}): ServiceGraphNode {
  return {
    id,
    serviceId: id,
    name: id,
    regionIds: ["eu-west"],
    instances: 3,
    unhealthyInstances: 0,
    external: false,
    ...fields,
  };
}

export function testEdge(from: string, to: string, fields: Partial<ServiceGraphEdge> = {}): ServiceGraphEdge {
  return {
    from,
    to,
    rps: 100,
    errorRatio: 0,
    p99LatencyMs: 20,
    crossRegion: false,
    crossRegionRps: 0,
    ...fields,
  };
}

/**
 * gateway → checkout → payments → db, checkout → db, gateway → search → db, and reports → db
 * (a caller off the gateway's paths).
 */
export function testServiceGraph(): ServiceGraph {
  return {
    atMs: 1_000,
    regionId: null,
    nodes: ["checkout", "db", "gateway", "payments", "reports", "search"].map((id) => testNode(id)),
    edges: [
      testEdge("checkout", "db", { rps: 600 }),
      testEdge("checkout", "payments", { rps: 50, errorRatio: 0.02 }),
      testEdge("gateway", "checkout", { rps: 100 }),
      testEdge("gateway", "search", { rps: 900 }),
      testEdge("payments", "db", { rps: 200, p99LatencyMs: 400 }),
      testEdge("reports", "db", { rps: 5, crossRegion: true, crossRegionRps: 5 }),
      testEdge("search", "db", { rps: 1800 }),
    ],
  };
}
