import type { PlacementCluster, PlacementInstance, PlacementNode, PlacementSnapshot } from "@fleetdeck/core";
import type { MapSelection } from "./map-selection.ts";

/**
 * A snapshot's places by id, for the side panel and the table: built once per snapshot. Instances
 * are found by a scan when asked (one selected at a time): a map of 10,000 would cost every live
 * update more than all the scans it saves.
 */
export interface PlacementIndex {
  instance(id: string): PlacementInstance | undefined;
  regions: Map<string, { id: string; name: string }>;
  zones: Map<string, { id: string; name: string }>;
  clusters: Map<string, PlacementCluster>;
  nodes: Map<string, PlacementNode>;
  services: Map<string, { id: string; name: string }>;
}

export function indexPlacement(snapshot: PlacementSnapshot): PlacementIndex {
  const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((item) => [item.id, item]));
  return {
    instance: (id) => snapshot.instances.find((instance) => instance.id === id),
    regions: byId(snapshot.regions),
    zones: byId(snapshot.zones),
    clusters: byId(snapshot.clusters),
    nodes: byId(snapshot.nodes),
    services: byId(snapshot.services),
  };
}

/** A place's name, or its id when no source named it. */
export function placeName(index: PlacementIndex, kind: Exclude<MapSelection["kind"], "instance">, id: string): string {
  const lists = { region: index.regions, zone: index.zones, cluster: index.clusters, node: index.nodes };
  return lists[kind].get(id)?.name ?? id;
}

const fieldOf = { region: "regionId", zone: "zoneId", cluster: "clusterId", node: "nodeId" } as const;

/** The instances inside a place (or the one instance selected). */
export function instancesOf(instances: readonly PlacementInstance[], selection: MapSelection): PlacementInstance[] {
  if (selection.kind === "instance") return instances.filter((instance) => instance.id === selection.id);
  const field = fieldOf[selection.kind];
  return instances.filter((instance) => instance[field] === selection.id);
}
