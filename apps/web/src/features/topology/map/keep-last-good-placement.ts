import type { PlacementSnapshot } from "@fleetdeck/core";

/**
 * Degraded, never blank: when a source fails, the new snapshot has none of its instances. Keep
 * that source's instances (and the places they name) from the previous snapshot next to the new
 * error, so the map still shows where things ran; the banner names the failing source and the
 * instances still carried over from it (those whose source is in `sourceErrors`).
 */
export function keepLastGoodPlacement(
  previous: PlacementSnapshot | undefined,
  next: PlacementSnapshot,
): PlacementSnapshot {
  if (!previous || next.sourceErrors.length === 0) return next;
  const failing = new Set(next.sourceErrors.map((error) => error.sourceId));
  const present = new Set(next.instances.map((instance) => instance.id));
  const carried = previous.instances.filter((instance) => failing.has(instance.sourceId) && !present.has(instance.id));
  if (carried.length === 0) return next;

  const missing = <T extends { id: string }>(now: readonly T[], before: readonly T[], used: Set<string>) => {
    const known = new Set(now.map((item) => item.id));
    return before.filter((item) => used.has(item.id) && !known.has(item.id));
  };
  const used = (pick: (instance: PlacementSnapshot["instances"][number]) => string) => new Set(carried.map(pick));
  return {
    ...next,
    regions: [
      ...next.regions,
      ...missing(
        next.regions,
        previous.regions,
        used((i) => i.regionId),
      ),
    ],
    zones: [
      ...next.zones,
      ...missing(
        next.zones,
        previous.zones,
        used((i) => i.zoneId),
      ),
    ],
    clusters: [
      ...next.clusters,
      ...missing(
        next.clusters,
        previous.clusters,
        used((i) => i.clusterId),
      ),
    ],
    nodes: [
      ...next.nodes,
      ...missing(
        next.nodes,
        previous.nodes,
        used((i) => i.nodeId),
      ),
    ],
    services: [
      ...next.services,
      ...missing(
        next.services,
        previous.services,
        used((i) => i.serviceId),
      ),
    ],
    instances: [...next.instances, ...carried],
  };
}

/** How many instances on the map come from each failing source: carried over from before it failed. */
export function carriedOverCounts(snapshot: PlacementSnapshot): Map<string, number> {
  const failing = new Set(snapshot.sourceErrors.map((error) => error.sourceId));
  const counts = new Map<string, number>();
  if (failing.size === 0) return counts;
  for (const instance of snapshot.instances) {
    if (failing.has(instance.sourceId)) counts.set(instance.sourceId, (counts.get(instance.sourceId) ?? 0) + 1);
  }
  return counts;
}
