import type { Inventory, ObservedInventory } from "../model/inventory.ts";

/**
 * The part of the inventory in one region: its clusters, zones, nodes and instances, the
 * services that run there, and the warnings about its instances or about the whole source.
 * Null when the fleet has no such region.
 */
export function scopeInventoryToRegion(inventory: Inventory, regionId: string): Inventory | null;
export function scopeInventoryToRegion(inventory: ObservedInventory, regionId: string): ObservedInventory | null;
export function scopeInventoryToRegion(inventory: ObservedInventory, regionId: string): ObservedInventory | null {
  const region = inventory.regions.find((r) => r.id === regionId);
  if (!region) return null;
  const instances = inventory.instances.filter((i) => i.regionId === regionId);
  const clusters = inventory.clusters.filter((c) => c.regionId === regionId);
  const clusterIds = new Set(clusters.map((c) => c.id));
  const serviceIds = new Set(instances.map((i) => i.serviceId));
  const scoped: ObservedInventory = {
    regions: [region],
    zones: inventory.zones.filter((z) => z.regionId === regionId),
    clusters,
    nodes: inventory.nodes.filter((n) => clusterIds.has(n.clusterId)),
    services: inventory.services.filter((s) => serviceIds.has(s.id)),
    instances,
  };
  if (inventory.warnings === undefined) return scoped;
  const instanceIds = new Set(instances.map((i) => i.id));
  return {
    ...scoped,
    warnings: inventory.warnings.filter(
      (w) => w.instanceIds.length === 0 || w.instanceIds.some((id) => instanceIds.has(id)),
    ),
  };
}
