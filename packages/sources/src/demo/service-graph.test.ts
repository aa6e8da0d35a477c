import { ServiceEdge } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { generateDemoFleet } from "./generate-fleet.ts";
import type { ServiceCall } from "./generated-fleet.ts";
import { serviceEdgesAt } from "./service-graph.ts";

/** Kahn's algorithm: true when every service can be ordered before its callees. */
function isAcyclic(serviceCount: number, calls: readonly ServiceCall[]): boolean {
  const incoming = new Array<number>(serviceCount).fill(0);
  for (const call of calls) incoming[call.toServiceIndex]! += 1;
  const ready = incoming.flatMap((count, index) => (count === 0 ? [index] : []));
  let ordered = 0;
  while (ready.length > 0) {
    const next = ready.pop() as number;
    ordered++;
    for (const call of calls.filter((c) => c.fromServiceIndex === next)) {
      incoming[call.toServiceIndex]! -= 1;
      if (incoming[call.toServiceIndex] === 0) ready.push(call.toServiceIndex);
    }
  }
  return ordered === serviceCount;
}

describe("the service dependency graph", () => {
  it.each([{ seed: 42 }, { seed: 7, targetInstances: 10_000 }])("is a DAG ($seed)", (shape) => {
    const fleet = generateDemoFleet(shape);
    expect(fleet.calls.length).toBeGreaterThan(fleet.inventory.services.length / 2);
    expect(isAcyclic(fleet.inventory.services.length, fleet.calls)).toBe(true);
  });

  it("flows from the gateway through services to the data stores", () => {
    const fleet = generateDemoFleet({ seed: 42 });
    const ids = fleet.inventory.services.map((s) => s.id);
    const edges = fleet.calls.map((c) => `${ids[c.fromServiceIndex]}→${ids[c.toServiceIndex]}`);
    expect(edges).toContain("api-gateway→checkout");
    expect(edges).toContain("checkout→payments");
    expect(edges).toContain("payments→tidb");
    expect(edges).toContain("tidb→kv-store");
    expect(edges.some((edge) => edge.endsWith("→api-gateway"))).toBe(false);
    expect(edges.some((edge) => edge.startsWith("etcd→"))).toBe(false);
  });

  it("gives generated services callers and callees in large fleets", () => {
    const fleet = generateDemoFleet({ seed: 42, targetInstances: 5_000 });
    const catalogIds = new Set(["api-gateway", "checkout", "payments", "tidb", "kv-store", "etcd"]);
    const generated = fleet.inventory.services.findIndex((s) => !catalogIds.has(s.id) && s.tier !== "batch");
    expect(fleet.calls.some((c) => c.fromServiceIndex === generated)).toBe(true);
  });
});

describe("serviceEdgesAt", () => {
  const services = [{ id: "a" }, { id: "b" }];
  const calls: ServiceCall[] = [
    {
      fromServiceIndex: 0,
      toServiceIndex: 1,
      callsPerRequest: 2,
      p99LatencyMs: 40,
      baseErrorRatio: 0.001,
      noiseKey: 9,
    },
  ];
  const tMs = Date.UTC(2024, 5, 3, 12);

  it("carries the caller's traffic times calls per request, as valid edges", () => {
    const [edge] = serviceEdgesAt(calls, services, [500, 0], [0.5, 0], [0, 0], tMs);
    expect(edge).toMatchObject({ fromServiceId: "a", toServiceId: "b", rps: 1000 });
    expect(() => ServiceEdge.parse(edge)).not.toThrow();
  });

  it("raises errors and the latency tail when the callee is under a fault", () => {
    const [calm] = serviceEdgesAt(calls, services, [500, 0], [0.5, 0], [0, 0], tMs);
    const [stressed] = serviceEdgesAt(calls, services, [500, 0], [0.5, 0], [0, 1], tMs);
    expect(stressed!.errorRatio).toBeGreaterThan(calm!.errorRatio * 10);
    expect(stressed!.p99LatencyMs).toBeGreaterThan(calm!.p99LatencyMs * 3);
  });
});
