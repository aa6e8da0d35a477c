import fc from "fast-check";
import type { PlacementInstance, PlacementSnapshot } from "./placement.ts";

/** A placement instance with sensible defaults: up, healthy, nothing measured, in eu-west-a. */
export function placed(id: string, overrides: Partial<PlacementInstance> = {}): PlacementInstance {
  return {
    id,
    serviceId: "checkout",
    regionId: "eu-west",
    zoneId: "eu-west-a",
    clusterId: "eu-k8s",
    nodeId: "eu-node-1",
    up: true,
    healthy: true,
    pauseP99Seconds: null,
    gcCpuFraction: null,
    memoryHeadroomRatio: null,
    labels: { service: overrides.serviceId ?? "checkout" },
    sourceId: "demo",
    ...overrides,
  };
}

/**
 * Two regions; eu-west's cluster spans two zones; one node (eu-node-3) has no instance and one
 * (eu-node-2) is not ready.
 */
export function smallSnapshot(instances: PlacementInstance[]): PlacementSnapshot {
  return {
    atMs: 1,
    regions: [
      { id: "eu-west", name: "EU West", utcOffsetHours: 0 },
      { id: "us-east", name: "US East", utcOffsetHours: -5 },
    ],
    zones: [
      { id: "eu-west-a", regionId: "eu-west", name: "eu-west-a" },
      { id: "eu-west-b", regionId: "eu-west", name: "eu-west-b" },
      { id: "us-east-a", regionId: "us-east", name: "us-east-a" },
    ],
    clusters: [
      { id: "eu-k8s", name: "prod-eu-k8s", regionId: "eu-west", kind: "kubernetes", sourceId: "demo" },
      { id: "us-etcd", name: "etcd-us", regionId: "us-east", kind: "etcd", sourceId: "etcd" },
    ],
    nodes: [
      { id: "eu-node-1", name: "eu-node-1", clusterId: "eu-k8s", zoneId: "eu-west-a", ready: true },
      { id: "eu-node-2", name: "eu-node-2", clusterId: "eu-k8s", zoneId: "eu-west-b", ready: false },
      { id: "eu-node-3", name: "eu-node-3", clusterId: "eu-k8s", zoneId: "eu-west-b", ready: null },
      { id: "us-node-1", name: "us-node-1", clusterId: "us-etcd", zoneId: "us-east-a", ready: true },
    ],
    services: [
      { id: "checkout", name: "Checkout" },
      { id: "search", name: "Search" },
      { id: "etcd", name: "etcd" },
    ],
    instances,
    sourceErrors: [],
  };
}

const figure = (max: number) => fc.option(fc.double({ min: 0, max, noNaN: true }), { nil: null });

/** Random fleets over a fixed set of places: for properties that must hold whatever runs where. */
export const arbitrarySnapshot: fc.Arbitrary<PlacementSnapshot> = fc
  .array(
    fc.record({
      where: fc.constantFrom(
        { regionId: "eu-west", zoneId: "eu-west-a", clusterId: "eu-k8s", nodeId: "eu-node-1" },
        { regionId: "eu-west", zoneId: "eu-west-b", clusterId: "eu-k8s", nodeId: "eu-node-2" },
        { regionId: "eu-west", zoneId: "eu-west-b", clusterId: "eu-k8s", nodeId: "eu-node-3" },
        { regionId: "us-east", zoneId: "us-east-a", clusterId: "us-etcd", nodeId: "us-node-1" },
        // A place no record names: the instance still lands on the map.
        { regionId: "ap-south", zoneId: "ap-south-a", clusterId: "ap-vm", nodeId: "ap-host-1" },
      ),
      serviceId: fc.constantFrom("checkout", "search", "etcd"),
      tier: fc.constantFrom("critical", "batch"),
      up: fc.boolean(),
      healthy: fc.boolean(),
      pauseP99Seconds: figure(0.05),
      gcCpuFraction: figure(1),
      memoryHeadroomRatio: figure(1),
    }),
    { maxLength: 60 },
  )
  .map((rows) =>
    smallSnapshot(
      rows.map((row, index) =>
        placed(`i-${index}`, {
          ...row.where,
          serviceId: row.serviceId,
          up: row.up,
          healthy: row.up && row.healthy,
          pauseP99Seconds: row.pauseP99Seconds,
          gcCpuFraction: row.gcCpuFraction,
          memoryHeadroomRatio: row.memoryHeadroomRatio,
          labels: { service: row.serviceId, tier: row.tier },
        }),
      ),
    ),
  );
