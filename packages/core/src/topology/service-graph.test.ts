import { describe, expect, it } from "vitest";
import type { ServiceEdge } from "../model/inventory.ts";
import { buildServiceGraph, ServiceGraph, type ServiceGraphInput } from "./service-graph.ts";

const services = [
  { id: "gateway", name: "API gateway" },
  { id: "checkout", name: "Checkout" },
  { id: "etcd", name: "etcd" },
  { id: "reports", name: "Reports" },
];

type Where = { serviceId: string; regionId: string; up?: boolean; healthy?: boolean };
const instances = (...list: Where[]) =>
  list.map(({ up = true, healthy = true, ...where }) => ({ ...where, up, healthy }));

const fleetInstances = instances(
  { serviceId: "gateway", regionId: "eu" },
  { serviceId: "gateway", regionId: "us" },
  { serviceId: "checkout", regionId: "eu", healthy: false },
  { serviceId: "checkout", regionId: "eu" },
  { serviceId: "checkout", regionId: "us", up: false, healthy: false },
  { serviceId: "etcd", regionId: "eu" },
  { serviceId: "etcd", regionId: "us" },
  { serviceId: "reports", regionId: "us" },
);

const call = (from: string, to: string, fields: Partial<ServiceEdge>): ServiceEdge => ({
  fromServiceId: from,
  toServiceId: to,
  rps: 100,
  errorRatio: 0,
  p99LatencyMs: 10,
  ...fields,
});

const calls: ServiceEdge[] = [
  call("gateway", "checkout", { fromRegionId: "eu", toRegionId: "eu", rps: 300, errorRatio: 0.01, p99LatencyMs: 50 }),
  call("gateway", "checkout", { fromRegionId: "us", toRegionId: "us", rps: 100, errorRatio: 0.05, p99LatencyMs: 80 }),
  call("checkout", "etcd", { fromRegionId: "eu", toRegionId: "eu", rps: 90, p99LatencyMs: 5 }),
  call("checkout", "etcd", { fromRegionId: "us", toRegionId: "us", rps: 27, p99LatencyMs: 6 }),
  call("checkout", "etcd", { fromRegionId: "us", toRegionId: "eu", rps: 3, p99LatencyMs: 60 }),
  call("reports", "etcd", { fromRegionId: "us", toRegionId: "us", rps: 10 }),
];

const build = (regionId: string | null, overrides: Partial<ServiceGraphInput> = {}) =>
  buildServiceGraph({ atMs: 1_000, services, edges: calls, instances: fleetInstances, regionId, ...overrides });

describe("buildServiceGraph for the whole fleet", () => {
  it("has one node per service with its instances, unhealthy (down included) and regions", () => {
    const graph = build(null);
    expect(() => ServiceGraph.parse(graph)).not.toThrow();
    expect(graph.nodes.map((n) => n.id)).toEqual(["checkout", "etcd", "gateway", "reports"]);
    expect(graph.nodes.find((n) => n.id === "checkout")).toEqual({
      id: "checkout",
      serviceId: "checkout",
      name: "Checkout",
      regionIds: ["eu", "us"],
      instances: 3,
      unhealthyInstances: 2,
      external: false,
    });
  });

  it("merges a pair's calls over every region pair: rps summed, errors weighted by rps, the worst p99", () => {
    const edge = build(null).edges.find((e) => e.from === "gateway" && e.to === "checkout");
    expect(edge).toEqual({
      from: "gateway",
      to: "checkout",
      rps: 400,
      errorRatio: expect.closeTo((300 * 0.01 + 100 * 0.05) / 400, 12),
      p99LatencyMs: 80,
      crossRegion: false,
      crossRegionRps: 0,
    });
  });

  it("marks a pair with calls between regions and counts their rps", () => {
    const edge = build(null).edges.find((e) => e.from === "checkout" && e.to === "etcd");
    expect(edge).toMatchObject({ rps: 120, crossRegion: true, crossRegionRps: 3, p99LatencyMs: 60 });
  });

  it("sorts edges by caller then callee, whatever order the calls came in", () => {
    const graph = build(null, { edges: [...calls].reverse() });
    expect(graph).toEqual(build(null));
    expect(graph.edges.map((e) => `${e.from}>${e.to}`)).toEqual(["checkout>etcd", "gateway>checkout", "reports>etcd"]);
  });
});

describe("buildServiceGraph for one region", () => {
  it("keeps the region's own services with the region's instance counts", () => {
    const graph = build("us");
    expect(() => ServiceGraph.parse(graph)).not.toThrow();
    const local = graph.nodes.filter((n) => !n.external);
    expect(local.map((n) => n.id)).toEqual(["checkout", "etcd", "gateway", "reports"]);
    expect(local.find((n) => n.id === "checkout")).toMatchObject({
      regionIds: ["us"],
      instances: 1,
      unhealthyInstances: 1,
    });
  });

  it("shows the other side of a call leaving the region as an external node, counted in its own region", () => {
    const graph = build("us");
    const external = graph.nodes.filter((n) => n.external);
    expect(external).toEqual([
      {
        id: "etcd@eu",
        serviceId: "etcd",
        name: "etcd",
        regionIds: ["eu"],
        instances: 1,
        unhealthyInstances: 0,
        external: true,
      },
    ]);
    expect(graph.edges.find((e) => e.to === "etcd@eu")).toMatchObject({
      from: "checkout",
      rps: 3,
      crossRegion: true,
      crossRegionRps: 3,
    });
    expect(graph.edges.find((e) => e.from === "checkout" && e.to === "etcd")).toMatchObject({
      rps: 27,
      crossRegion: false,
    });
  });

  it("shows the caller of a call entering the region as an external node", () => {
    const graph = build("eu");
    expect(graph.nodes.filter((n) => n.external).map((n) => n.id)).toEqual(["checkout@us"]);
    expect(graph.edges.find((e) => e.from === "checkout@us")).toMatchObject({ to: "etcd", rps: 3, crossRegion: true });
    // Calls of another region that do not touch this one are not in its graph.
    expect(graph.edges.some((e) => e.from.startsWith("reports") || e.rps === 27)).toBe(false);
  });

  it("counts calls whose regions the source does not know as local where both services run", () => {
    const unknown = [call("gateway", "checkout", { rps: 7 }), call("reports", "etcd", { rps: 5 })];
    const eu = build("eu", { edges: unknown });
    expect(eu.edges).toEqual([
      expect.objectContaining({ from: "gateway", to: "checkout", rps: 7, crossRegion: false }),
    ]);
    expect(build("us", { edges: unknown }).edges.map((e) => `${e.from}>${e.to}`)).toEqual([
      "gateway>checkout",
      "reports>etcd",
    ]);
  });

  it("is the same graph for the same input in any order", () => {
    expect(build("us", { edges: [...calls].reverse(), instances: [...fleetInstances].reverse() })).toEqual(build("us"));
  });
});
