import {
  EntityId,
  type PlacementFilter,
  type PlacementMatchKind,
  parseLabelMatch,
  selectionKeyOf,
} from "@fleetdeck/core";
import type { TopologySearch } from "../topology-search.ts";

/** What the map has selected: `sel=instance:checkout-eu-1-7` in the URL. */
export interface MapSelection {
  kind: PlacementMatchKind;
  id: string;
  key: string;
}

const kinds: readonly PlacementMatchKind[] = ["region", "zone", "cluster", "node", "instance"];

/** The URL's `sel`, or null when absent or not `kind:id` with a known kind and a valid id. */
export function parseSelection(sel: string | undefined): MapSelection | null {
  if (!sel) return null;
  const at = sel.indexOf(":");
  if (at < 0) return null;
  const kind = sel.slice(0, at) as PlacementMatchKind;
  const id = sel.slice(at + 1);
  if (!kinds.includes(kind) || !EntityId.safeParse(id).success) return null;
  return { kind, id, key: selectionKeyOf(kind, id) };
}

/** The map's filters as the URL holds them, and what is wrong with the label filter's text, if anything. */
export function placementFilterOf(search: Pick<TopologySearch, "service" | "label" | "health">): {
  filter: PlacementFilter;
  labelProblem: string | null;
} {
  const label = search.label?.trim() ? parseLabelMatch(search.label) : null;
  const labelProblem =
    search.label?.trim() && label === null ? `"${search.label}" is not key=value, so it filters nothing` : null;
  return {
    filter: {
      ...(search.service ? { serviceId: search.service } : {}),
      ...(label ? { label } : {}),
      health: search.health ?? "all",
    },
    labelProblem,
  };
}
