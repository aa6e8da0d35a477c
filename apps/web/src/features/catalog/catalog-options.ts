import type { CatalogRegion, FleetCatalog } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/trpc-errors.ts";

/** A region or service as pickers and link lists show it. */
export interface EntityOption {
  id: string;
  name: string;
}

function byName(entities: readonly EntityOption[]): EntityOption[] {
  return entities.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Every region of the fleet, by name: the region filter's options. */
export function regionOptions(catalog: FleetCatalog | null | undefined): EntityOption[] {
  return byName(catalog?.regions ?? []);
}

/** Every service of the fleet, by name: what a fault can be aimed at. */
export function serviceOptions(catalog: FleetCatalog | null | undefined): EntityOption[] {
  return byName(catalog?.services ?? []);
}

export function findCatalogRegion(catalog: FleetCatalog | null | undefined, regionId: string): CatalogRegion | null {
  return catalog?.regions.find((region) => region.id === regionId) ?? null;
}

/**
 * True only when a catalog was read and it has no such region. Without a catalog (still loading, or
 * no source answered) nothing is known, so the region is not declared missing.
 */
export function catalogLacksRegion(catalog: FleetCatalog | null | undefined, regionId: string | undefined): boolean {
  if (!catalog || regionId === undefined) return false;
  return findCatalogRegion(catalog, regionId) === null;
}

/** Why pickers fed by the catalog are empty: its error, while there is no catalog to show. */
export function catalogProblem(catalog: { data: unknown; error: unknown }): string | null {
  return catalog.data === undefined && catalog.error ? errorMessage(catalog.error) : null;
}
