import type { CatalogRegion, FleetCatalog } from "../../lib/api-types.ts";
import { type EntityOption, findCatalogRegion } from "../catalog/catalog-options.ts";

export interface RegionContents {
  region: CatalogRegion;
  /** Its clusters, by name, each with how many instances run on it. */
  clusters: CatalogRegion["clusters"];
  /** Every service with an instance in the region, by name. */
  services: EntityOption[];
}

/** What runs in a region, from the catalog. Null when the catalog has no such region. */
export function regionContents(catalog: FleetCatalog, regionId: string): RegionContents | null {
  const region = findCatalogRegion(catalog, regionId);
  if (!region) return null;
  const serviceNames = new Map(catalog.services.map((service) => [service.id, service.name]));
  const services = region.serviceIds
    .map((id) => ({ id, name: serviceNames.get(id) ?? id }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { region, clusters: [...region.clusters].sort((a, b) => a.name.localeCompare(b.name)), services };
}
