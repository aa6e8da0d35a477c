import type { Cluster, Region, Zone } from "@fleetdeck/core";
import { randomFor } from "./random.ts";
import { clusterKindShortName, regionCatalog, secondaryClusterKinds } from "./region-catalog.ts";

export interface Topology {
  regions: Region[];
  zones: Zone[];
  clusters: Cluster[];
  zonesByRegion: Map<string, Zone[]>;
}

/** Regions from the catalog, 2–3 zones each, and clusters whose first one per region is Kubernetes. */
export function generateTopology(seed: number, regionCount: number, clustersPerRegion: number): Topology {
  if (regionCount > regionCatalog.length) {
    throw new Error(`a demo fleet spans at most ${regionCatalog.length} regions, asked for ${regionCount}`);
  }
  const regions = regionCatalog.slice(0, regionCount).map((region) => ({ ...region }));
  const zones: Zone[] = [];
  const clusters: Cluster[] = [];
  const zonesByRegion = new Map<string, Zone[]>();
  regions.forEach((region, regionIndex) => {
    const random = randomFor(seed, "topology", region.id);
    const regionZones = ["a", "b", "c"]
      .slice(0, random.int(2, 3))
      .map((letter) => ({ id: `${region.id}-${letter}`, regionId: region.id, name: `${region.id}${letter}` }));
    zones.push(...regionZones);
    zonesByRegion.set(region.id, regionZones);
    const kindCounts = new Map<string, number>();
    for (let c = 0; c < clustersPerRegion; c++) {
      const kind =
        c === 0
          ? "kubernetes"
          : (secondaryClusterKinds[(regionIndex + c - 1) % secondaryClusterKinds.length] ?? "kubernetes");
      const ordinal = (kindCounts.get(kind) ?? 0) + 1;
      kindCounts.set(kind, ordinal);
      const id = `${region.id}-${clusterKindShortName[kind]}-${ordinal}`;
      clusters.push({ id, name: `prod-${id}`, regionId: region.id, kind });
    }
  });
  return { regions, zones, clusters, zonesByRegion };
}
