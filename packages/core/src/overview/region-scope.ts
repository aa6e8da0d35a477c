import type { Inventory } from "../model/inventory.ts";

/**
 * The part of the inventory in one region: its clusters, zones, nodes and instances, and the
 * services that run there. Null when the fleet has no such region.
 */
export function scopeInventoryToRegion(inventory: Inventory, regionId: string): Inventory | null {
  const region = inventory.regions.find((r) => r.id === regionId);
  if (!region) return null;
  const instances = inventory.instances.filter((i) => i.regionId === regionId);
  const clusters = inventory.clusters.filter((c) => c.regionId === regionId);
  const clusterIds = new Set(clusters.map((c) => c.id));
  const serviceIds = new Set(instances.map((i) => i.serviceId));
  return {
    regions: [region],
    zones: inventory.zones.filter((z) => z.regionId === regionId),
    clusters,
    nodes: inventory.nodes.filter((n) => clusterIds.has(n.clusterId)),
    services: inventory.services.filter((s) => serviceIds.has(s.id)),
    instances,
  };
}
