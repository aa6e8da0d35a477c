import type { Inventory, ObservedInventory } from "@fleetdeck/core";

const entityKinds = ["regions", "zones", "clusters", "nodes", "services", "instances"] as const;

/**
 * Unions what several sources know. The first source to name an entity wins; every source's
 * warnings are kept. A single source's inventory is passed through untouched so the common case
 * copies nothing.
 */
export function mergeInventories(inventories: readonly Inventory[]): Inventory;
export function mergeInventories(inventories: readonly ObservedInventory[]): ObservedInventory;
export function mergeInventories(inventories: readonly ObservedInventory[]): ObservedInventory {
  if (inventories.length === 0) return { regions: [], zones: [], clusters: [], nodes: [], services: [], instances: [] };
  if (inventories.length === 1) return inventories[0] as ObservedInventory;
  const merged: ObservedInventory = { regions: [], zones: [], clusters: [], nodes: [], services: [], instances: [] };
  for (const key of entityKinds) {
    const seen = new Set<string>();
    for (const inventory of inventories) {
      for (const entity of inventory[key]) {
        if (seen.has(entity.id)) continue;
        seen.add(entity.id);
        (merged[key] as { id: string }[]).push(entity);
      }
    }
  }
  const warnings = inventories.flatMap((inventory) => inventory.warnings ?? []);
  return warnings.length === 0 ? merged : { ...merged, warnings };
}
