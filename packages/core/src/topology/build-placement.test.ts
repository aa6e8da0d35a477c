import { describe, expect, it } from "vitest";
import type { ObservedGcSample } from "../model/gc-sample.ts";
import type { ObservedInventory } from "../model/inventory.ts";
import { sampleFor, tinyInventory } from "../overview/test-fixtures.ts";
import { buildPlacementSnapshot } from "./build-placement.ts";

const samplesOf = (...samples: ObservedGcSample[]) => new Map(samples.map((s) => [s.instanceId, s]));

/** An etcd cluster as its own control plane reports it: one member also known to the fleet source. */
function etcdInventory(): ObservedInventory {
  return {
    regions: [{ id: "eu-west", name: "from etcd", utcOffsetHours: null }],
    zones: [{ id: "eu-west-a", regionId: "eu-west", name: "eu-west-a" }],
    clusters: [{ id: "etcd-main", name: "etcd-main", regionId: "eu-west", kind: "etcd" }],
    nodes: [
      {
        id: "etcd-host-1",
        name: "host-1",
        clusterId: "etcd-main",
        zoneId: "eu-west-a",
        cpuCores: null,
        memoryBytes: null,
      },
    ],
    services: [{ id: "etcd", name: "etcd", owner: null, tier: null }],
    instances: [
      {
        id: "checkout-1",
        serviceId: "checkout",
        clusterId: "eu-west-k8s",
        regionId: "eu-west",
        zoneId: "eu-west-a",
        nodeId: "eu-west-node-1",
        pprofUrl: null,
        metricsUrl: null,
        goVersion: null,
        runtimeConfig: null,
      },
      {
        id: "etcd-main-m1",
        serviceId: "etcd",
        clusterId: "etcd-main",
        regionId: "eu-west",
        zoneId: "eu-west-a",
        nodeId: "etcd-host-1",
        pprofUrl: null,
        metricsUrl: null,
        goVersion: null,
        runtimeConfig: null,
      },
    ],
  };
}

describe("buildPlacementSnapshot", () => {
  it("places every instance with its GC figures and the health policy's verdict", () => {
    const snapshot = buildPlacementSnapshot({
      atMs: 5,
      parts: [
        {
          sourceId: "demo",
          inventory: tinyInventory(),
          samples: samplesOf(
            sampleFor("checkout-1"),
            sampleFor("checkout-2", { gcCpuFraction: 0.4 }),
            sampleFor("search-1"),
          ),
        },
      ],
      sourceErrors: [],
    });
    const byId = new Map(snapshot.instances.map((i) => [i.id, i]));
    expect(snapshot.instances).toHaveLength(4);
    expect(byId.get("checkout-1")).toMatchObject({
      up: true,
      healthy: true,
      sourceId: "demo",
      labels: { service: "checkout", tier: "critical", go_version: "go1.22.5" },
    });
    expect(byId.get("checkout-2")).toMatchObject({ up: true, healthy: false, gcCpuFraction: 0.4 });
    // A fleet instance the snapshot has no sample for did not answer its scrape: down, figures unknown.
    expect(byId.get("search-2")).toMatchObject({
      up: false,
      healthy: false,
      pauseP99Seconds: null,
      gcCpuFraction: null,
      memoryHeadroomRatio: null,
    });
    expect(byId.get("checkout-1")?.memoryHeadroomRatio).toBeCloseTo(
      1 - sampleFor("checkout-1").rssBytes / (1024 * 1024 * 1024),
    );
  });

  it("takes liveness from a cluster's control plane and GC figures from the metrics of the same instance", () => {
    const snapshot = buildPlacementSnapshot({
      atMs: 5,
      parts: [
        { sourceId: "demo", inventory: tinyInventory(), samples: samplesOf(sampleFor("checkout-1")) },
        {
          sourceId: "etcd",
          inventory: etcdInventory(),
          instanceUp: { "checkout-1": false, "etcd-main-m1": true },
          nodeReady: { "etcd-host-1": true },
          instanceLabels: { "etcd-main-m1": { member: "m1" } },
        },
      ],
      sourceErrors: [{ sourceId: "prometheus", message: "connection refused" }],
    });
    const byId = new Map(snapshot.instances.map((i) => [i.id, i]));
    expect(byId.get("checkout-1")).toMatchObject({ up: false, healthy: false, sourceId: "demo" });
    expect(byId.get("checkout-1")?.pauseP99Seconds).toBe(sampleFor("checkout-1").pause.p99Seconds);
    // Known only to the cluster source: up by its word, healthy as nothing measured says otherwise.
    expect(byId.get("etcd-main-m1")).toMatchObject({
      up: true,
      healthy: true,
      sourceId: "etcd",
      labels: { service: "etcd", member: "m1" },
    });
    // The first source to name a place wins; the cluster keeps the source that named it.
    expect(snapshot.regions.find((r) => r.id === "eu-west")?.name).toBe("EU West");
    expect(snapshot.clusters.find((c) => c.id === "etcd-main")).toMatchObject({ kind: "etcd", sourceId: "etcd" });
    expect(snapshot.nodes.find((n) => n.id === "etcd-host-1")?.ready).toBe(true);
    expect(snapshot.sourceErrors).toEqual([{ sourceId: "prometheus", message: "connection refused" }]);
  });
});
