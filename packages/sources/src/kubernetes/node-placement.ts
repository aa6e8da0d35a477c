import { entityIdOf } from "./kubernetes-ids.ts";

export interface PlacementLabels {
  regionLabel: string;
  zoneLabel: string;
}

/** Where a node without the region label goes. */
export const unknownRegionId = "unknown";

export function unknownZoneIdOf(regionId: string): string {
  return `${regionId}.unknown`;
}

/** A node's region and zone from its labels; null where the label is missing. */
export interface NodePlace {
  region: { id: string; name: string } | null;
  zone: { id: string; name: string } | null;
}

/**
 * Reads the topology labels. Cloud zone names carry their region ("eu-west-1a" in "eu-west-1")
 * and are unique as they are; a zone name that does not ("a" in "lab") is qualified by its
 * region so that two regions' zone "a" stay apart.
 */
export function placeOfNode(labels: Readonly<Record<string, string>>, placement: PlacementLabels): NodePlace {
  const regionName = labels[placement.regionLabel] || null;
  const zoneName = labels[placement.zoneLabel] || null;
  const region = regionName ? { id: entityIdOf(regionName), name: regionName } : null;
  if (!zoneName) return { region, zone: null };
  const qualified = regionName !== null && !zoneName.startsWith(regionName);
  return { region, zone: { id: entityIdOf(qualified ? `${regionName}.${zoneName}` : zoneName), name: zoneName } };
}

/** The region most of a cluster's nodes are in (a cluster rarely spans regions); "unknown" without any. */
export function clusterRegionOf(places: Iterable<NodePlace>): { id: string; name: string } {
  const counts = new Map<string, { region: { id: string; name: string }; nodes: number }>();
  for (const place of places) {
    if (!place.region) continue;
    const counted = counts.get(place.region.id);
    if (counted) counted.nodes++;
    else counts.set(place.region.id, { region: place.region, nodes: 1 });
  }
  const ranked = [...counts.values()].sort((a, b) => b.nodes - a.nodes || a.region.id.localeCompare(b.region.id));
  return ranked[0]?.region ?? { id: unknownRegionId, name: unknownRegionId };
}
