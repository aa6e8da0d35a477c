import type { Inventory } from "@fleetdeck/core";

const empty: Inventory = { regions: [], zones: [], clusters: [], nodes: [], services: [], instances: [] };

/**
 * Unions what several sources know. The first source to name an entity wins; a single source's
 * inventory is passed through untouched so the common case copies nothing.
 */
export function mergeInventories(inventories: readonly Inventory[]): Inventory {
  if (inventories.length === 0) return empty;
  if (inventories.length === 1) return inventories[0] as Inventory;
  const merged: Inventory = { regions: [], zones: [], clusters: [], nodes: [], services: [], instances: [] };
  for (const key of Object.keys(merged) as (keyof Inventory)[]) {
    const seen = new Set<string>();
    for (const inventory of inventories) {
      for (const entity of inventory[key]) {
        if (seen.has(entity.id)) continue;
        seen.add(entity.id);
        (merged[key] as { id: string }[]).push(entity);
      }
    }
  }
  return merged;
}
