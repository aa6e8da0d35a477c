import type { FleetCatalog } from "../../lib/api-types.ts";
import type { EntityOption } from "../catalog/catalog-options.ts";

/** A service as the change editor offers it: its regions are what a default plan stages over. */
export interface EditorService extends EntityOption {
  regionIds: readonly string[];
}

/** Every service of the catalog with the regions it runs in, by name. */
export function editorServices(catalog: FleetCatalog | null | undefined): EditorService[] {
  return (catalog?.services ?? [])
    .map(({ id, name, regionIds }) => ({ id, name, regionIds }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
