import type { PlacementInstance, PlacementSnapshot } from "@fleetdeck/core";

/**
 * A regular fleet for the map's tests: `regions` regions of `zones` zones, each zone with one
 * cluster part of `nodes` nodes of `perNode` instances. Instance `r0-z1-n2-3` is the fourth on
 * node 2 of zone 1 of region 0. Every instance is up, healthy, with a 1 ms pause.
 */
export function testPlacement({
  regions = 2,
  zones = 2,
  nodes = 3,
  perNode = 4,
}: {
  regions?: number;
  zones?: number;
  nodes?: number;
  perNode?: number;
} = {}): PlacementSnapshot {
  const snapshot: PlacementSnapshot = {
    atMs: 1,
    regions: [],
    zones: [],
    clusters: [],
    nodes: [],
    services: [{ id: "checkout", name: "Checkout" }],
    instances: [],
    sourceErrors: [],
  };
  for (let r = 0; r < regions; r++) {
    const regionId = `r${r}`;
    const clusterId = `${regionId}-k8s`;
    snapshot.regions.push({ id: regionId, name: `Region ${r}`, utcOffsetHours: 0 });
    snapshot.clusters.push({ id: clusterId, name: `cluster-${r}`, regionId, kind: "kubernetes", sourceId: "demo" });
    for (let z = 0; z < zones; z++) {
      const zoneId = `${regionId}-z${z}`;
      snapshot.zones.push({ id: zoneId, regionId, name: zoneId });
      for (let n = 0; n < nodes; n++) {
        const nodeId = `${zoneId}-n${n}`;
        snapshot.nodes.push({ id: nodeId, name: nodeId, clusterId, zoneId, ready: true });
        for (let i = 0; i < perNode; i++)
          snapshot.instances.push(instance(`${nodeId}-${i}`, regionId, zoneId, clusterId, nodeId));
      }
    }
  }
  return snapshot;
}

function instance(id: string, regionId: string, zoneId: string, clusterId: string, nodeId: string): PlacementInstance {
  return {
    id,
    serviceId: "checkout",
    regionId,
    zoneId,
    clusterId,
    nodeId,
    up: true,
    healthy: true,
    pauseP99Seconds: 0.001,
    gcCpuFraction: 0.05,
    memoryHeadroomRatio: 0.5,
    labels: { service: "checkout" },
    sourceId: "demo",
  };
}

/** The same fleet with some instances changed (a live update that keeps the structure). */
export function withInstances(
  snapshot: PlacementSnapshot,
  change: Record<string, Partial<PlacementInstance>>,
): PlacementSnapshot {
  return {
    ...snapshot,
    atMs: snapshot.atMs + 1,
    instances: snapshot.instances.map((i) => (change[i.id] ? { ...i, ...change[i.id] } : i)),
  };
}
