import { ServiceEdge } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { type CallRoute, interRegionRoundTripMs } from "./call-routes.ts";
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

  it("sends a share of the calls into consensus groups (etcd, pd) to their leader's region, and no others", () => {
    const fleet = generateDemoFleet({ seed: 42, targetInstances: 5_000 });
    const ids = fleet.inventory.services.map((s) => s.id);
    const consensus = new Set(["etcd", "pd"]);
    const intoConsensus = fleet.calls.filter((c) => consensus.has(ids[c.toServiceIndex] ?? ""));
    expect(intoConsensus.length).toBeGreaterThan(1);
    for (const call of fleet.calls) {
      const share = call.crossRegionShare;
      if (intoConsensus.includes(call)) expect(share > 0 && share < 0.2).toBe(true);
      else expect(share).toBe(0);
    }
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
  const regions = [
    { id: "eu", utcOffsetHours: 0 },
    { id: "us", utcOffsetHours: -5 },
  ];
  const calls: ServiceCall[] = [
    {
      fromServiceIndex: 0,
      toServiceIndex: 1,
      callsPerRequest: 2,
      p99LatencyMs: 40,
      baseErrorRatio: 0.001,
      crossRegionShare: 0,
      noiseKey: 9,
    },
  ];
  const local: CallRoute[][] = [[{ fromRegionIndex: 0, toRegionIndex: 0, share: 1 }]];
  // Service-major, two regions: a serves 500 rps in eu, b nothing.
  const traffic = { regionCount: 2, rps: [500, 0, 0, 0], loadRatio: [0.5, 0, 0, 0] };
  const tMs = Date.UTC(2024, 5, 3, 12);

  it("carries the caller's traffic in its region times calls per request, as valid edges", () => {
    const [edge] = serviceEdgesAt(calls, local, services, regions, traffic, [0, 0], tMs);
    expect(edge).toMatchObject({
      fromServiceId: "a",
      toServiceId: "b",
      fromRegionId: "eu",
      toRegionId: "eu",
      rps: 1000,
    });
    expect(() => ServiceEdge.parse(edge)).not.toThrow();
  });

  it("splits a region's calls over its routes and adds the round trip to the calls that cross", () => {
    const split: CallRoute[][] = [
      [
        { fromRegionIndex: 0, toRegionIndex: 0, share: 0.9 },
        { fromRegionIndex: 0, toRegionIndex: 1, share: 0.1 },
      ],
    ];
    const [stay, cross] = serviceEdgesAt(calls, split, services, regions, traffic, [0, 0], tMs);
    expect(stay).toMatchObject({ toRegionId: "eu", rps: 900 });
    expect(cross).toMatchObject({ toRegionId: "us", rps: expect.closeTo(100, 9) });
    expect(cross!.p99LatencyMs - stay!.p99LatencyMs).toBeCloseTo(interRegionRoundTripMs(0, -5), 9);
  });

  it("raises errors and the latency tail when the callee is under a fault", () => {
    const [calm] = serviceEdgesAt(calls, local, services, regions, traffic, [0, 0], tMs);
    const [stressed] = serviceEdgesAt(calls, local, services, regions, traffic, [0, 1], tMs);
    expect(stressed!.errorRatio).toBeGreaterThan(calm!.errorRatio * 10);
    expect(stressed!.p99LatencyMs).toBeGreaterThan(calm!.p99LatencyMs * 3);
  });
});
