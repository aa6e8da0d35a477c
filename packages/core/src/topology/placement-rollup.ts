import { z } from "zod";
import { type ClusterKind, EntityId } from "../model/inventory.ts";
import type { HealthLens, PlacementInstance, PlacementSnapshot } from "./placement.ts";

/** Which instances the placement map shows: every one, those the health policy flags, or those not answering. */
export const PlacementHealthFilter = z.enum(["all", "unhealthy", "down"]);
export type PlacementHealthFilter = z.infer<typeof PlacementHealthFilter>;

export const PlacementLabelMatch = z.object({ key: z.string().min(1), value: z.string() });
export type PlacementLabelMatch = z.infer<typeof PlacementLabelMatch>;

/** The map's filters; each one narrows the instances, and every rollup counts only what passes. */
export const PlacementFilter = z.object({
  serviceId: EntityId.optional(),
  label: PlacementLabelMatch.optional(),
  health: PlacementHealthFilter.default("all"),
});
export type PlacementFilter = z.infer<typeof PlacementFilter>;

/**
 * "tier=critical" as a label match; null for text that is not `key=value` (no key, or no "=").
 * Spaces around the key and the value are dropped, as people type them.
 */
export function parseLabelMatch(text: string): PlacementLabelMatch | null {
  const at = text.indexOf("=");
  if (at <= 0) return null;
  const key = text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  return key === "" ? null : { key, value };
}

/** Whether an instance passes the filter. */
export function instancePasses(instance: PlacementInstance, filter: PlacementFilter): boolean {
  if (filter.serviceId !== undefined && instance.serviceId !== filter.serviceId) return false;
  if (filter.label !== undefined && instance.labels[filter.label.key] !== filter.label.value) return false;
  if (filter.health === "unhealthy") return !instance.healthy;
  if (filter.health === "down") return !instance.up;
  return true;
}

const isFiltering = (filter: PlacementFilter) =>
  filter.serviceId !== undefined || filter.label !== undefined || filter.health !== "all";

/**
 * Counts and worst GC figures over a set of instances. `unhealthy` counts every instance the
 * health policy does not pass, so it includes the down ones (a down instance is not healthy).
 * A worst figure is null when no instance in the set measured it.
 */
export interface PlacementTally {
  instances: number;
  up: number;
  down: number;
  unhealthy: number;
  worstPauseP99Seconds: number | null;
  worstGcCpuFraction: number | null;
  /** The least memory headroom: the closest to being killed or throttled. */
  worstHeadroomRatio: number | null;
}

export function emptyTally(): PlacementTally {
  return {
    instances: 0,
    up: 0,
    down: 0,
    unhealthy: 0,
    worstPauseP99Seconds: null,
    worstGcCpuFraction: null,
    worstHeadroomRatio: null,
  };
}

/** Adds a set's tally into another's (a node's into each place above it). */
function addTally(into: PlacementTally, tally: PlacementTally) {
  into.instances += tally.instances;
  into.up += tally.up;
  into.down += tally.down;
  into.unhealthy += tally.unhealthy;
  into.worstPauseP99Seconds = worseOf(into.worstPauseP99Seconds, tally.worstPauseP99Seconds, 1);
  into.worstGcCpuFraction = worseOf(into.worstGcCpuFraction, tally.worstGcCpuFraction, 1);
  into.worstHeadroomRatio = worseOf(into.worstHeadroomRatio, tally.worstHeadroomRatio, -1);
}

/** The worse of two figures where a higher one is worse (direction 1) or a lower one (-1); null is unmeasured. */
const worseOf = (a: number | null, b: number | null, direction: 1 | -1) =>
  a === null ? b : b === null ? a : (b - a) * direction > 0 ? b : a;

function countInstance(tally: PlacementTally, instance: PlacementInstance) {
  tally.instances++;
  if (instance.up) tally.up++;
  else tally.down++;
  if (!instance.healthy) tally.unhealthy++;
  const { pauseP99Seconds, gcCpuFraction, memoryHeadroomRatio } = instance;
  if (pauseP99Seconds !== null && (tally.worstPauseP99Seconds === null || pauseP99Seconds > tally.worstPauseP99Seconds))
    tally.worstPauseP99Seconds = pauseP99Seconds;
  if (gcCpuFraction !== null && (tally.worstGcCpuFraction === null || gcCpuFraction > tally.worstGcCpuFraction))
    tally.worstGcCpuFraction = gcCpuFraction;
  if (
    memoryHeadroomRatio !== null &&
    (tally.worstHeadroomRatio === null || memoryHeadroomRatio < tally.worstHeadroomRatio)
  )
    tally.worstHeadroomRatio = memoryHeadroomRatio;
}

export type PlacementLevel = "region" | "zone" | "cluster" | "node";

/**
 * One box of the placement tree. `key` is unique in the tree; `selectionKey` names the entity
 * (`cluster:<id>`), which a cluster spanning zones shares between its per-zone parts.
 */
export interface PlacementGroup {
  level: PlacementLevel;
  id: string;
  key: string;
  selectionKey: string;
  name: string;
  tally: PlacementTally;
  /** Zones of a region, cluster parts of a zone, nodes of a cluster part; empty for a node. */
  children: PlacementGroup[];
  /** A node's instances that pass the filter, in the snapshot's order; empty above nodes. */
  instances: PlacementInstance[];
  /** Clusters only. */
  clusterKind?: ClusterKind;
  /** Nodes only: false when a source says the node is down or not ready, null when none says. */
  ready?: boolean | null;
}

export interface PlacementRollup {
  /** Regions → zones → clusters (one part per zone the cluster has nodes in) → nodes → instances. */
  regions: PlacementGroup[];
  total: PlacementTally;
  /**
   * Each entity's tally by its selection key (`region:<id>`, `zone:<id>`, `cluster:<id>`,
   * `node:<id>`). A cluster's tally covers all its zones, unlike the tree's per-zone parts.
   */
  tallies: Map<string, PlacementTally>;
  /** Every instance that passes the filter. */
  instances: PlacementInstance[];
}

/** The key a selection uses for an entity: `instance:<id>`, `node:<id>`, `cluster:<id>`, ... */
export const selectionKeyOf = (level: PlacementLevel | "instance", id: string) => `${level}:${id}`;

/**
 * Folds a snapshot into the placement tree with counts and worst figures at every level, in one
 * pass over the instances.
 *
 * Where a cluster spans zones (Kubernetes nodes carry their zone), the tree follows the ground:
 * region → zone → cluster → node, and a cluster appears under each zone it has nodes in, as one
 * part per zone. Each part counts its own nodes; the cluster's whole tally is in `tallies`.
 *
 * Instances are placed by their own region, zone, cluster and node; a node's record (its name and
 * readiness) is joined by id. Without a filter every known place is in the tree, even one with no
 * instance (an empty or down node still matters); with a filter only places with passing
 * instances are, so the map narrows to what was asked for.
 */
export function rollupPlacement(
  snapshot: PlacementSnapshot,
  filterInput: Partial<PlacementFilter> = {},
): PlacementRollup {
  // Typed already (the URL's filters are validated where they are read): no parse in the hot path.
  const filter: PlacementFilter = { ...filterInput, health: filterInput.health ?? "all" };
  const regionNames = new Map(snapshot.regions.map((r) => [r.id, r.name]));
  const zoneNames = new Map(snapshot.zones.map((z) => [z.id, z.name]));
  const zoneRegion = new Map(snapshot.zones.map((z) => [z.id, z.regionId]));
  const clusters = new Map(snapshot.clusters.map((c) => [c.id, c]));
  const nodes = new Map(snapshot.nodes.map((n) => [n.id, n]));

  const total = emptyTally();
  const tallies = new Map<string, PlacementTally>();
  const regionGroups = new Map<string, PlacementGroup>();
  const zoneGroups = new Map<string, PlacementGroup>();
  const clusterParts = new Map<string, PlacementGroup>();
  const nodeGroups = new Map<string, PlacementGroup>();
  /** Per node group: the tallies of the places above it (part, zone, region, whole cluster, all). */
  const talliesAbove = new Map<PlacementGroup, PlacementTally[]>();

  const tallyOf = (selectionKey: string) => {
    let tally = tallies.get(selectionKey);
    if (!tally) {
      tally = emptyTally();
      tallies.set(selectionKey, tally);
    }
    return tally;
  };

  const child = (
    index: Map<string, PlacementGroup>,
    parent: PlacementGroup | null,
    level: PlacementLevel,
    id: string,
    key: string,
    name: string,
  ) => {
    let group = index.get(key);
    if (!group) {
      const selectionKey = selectionKeyOf(level, id);
      group = { level, id, key, selectionKey, name, tally: emptyTally(), children: [], instances: [] };
      index.set(key, group);
      parent?.children.push(group);
      // Every level's group shares its entity's tally, except cluster parts: theirs is per zone.
      if (level !== "cluster") group.tally = tallyOf(selectionKey);
    }
    return group;
  };

  const nodeGroup = (regionId: string, zoneId: string, clusterId: string, nodeId: string): PlacementGroup => {
    const known = nodeGroups.get(nodeId);
    if (known) return known;
    const region = child(regionGroups, null, "region", regionId, regionId, regionNames.get(regionId) ?? regionId);
    const zone = child(zoneGroups, region, "zone", zoneId, zoneId, zoneNames.get(zoneId) ?? zoneId);
    const cluster = clusters.get(clusterId);
    const part = child(clusterParts, zone, "cluster", clusterId, `${clusterId}@${zoneId}`, cluster?.name ?? clusterId);
    if (cluster) part.clusterKind = cluster.kind;
    const record = nodes.get(nodeId);
    const node = child(nodeGroups, part, "node", nodeId, nodeId, record?.name ?? nodeId);
    node.ready = record?.ready ?? null;
    talliesAbove.set(node, [part.tally, zone.tally, region.tally, tallyOf(part.selectionKey), total]);
    return node;
  };

  if (!isFiltering(filter)) {
    // Every known node has its place, with or without instances.
    for (const node of snapshot.nodes) {
      const regionId = zoneRegion.get(node.zoneId) ?? clusters.get(node.clusterId)?.regionId;
      if (regionId !== undefined) nodeGroup(regionId, node.zoneId, node.clusterId, node.id);
    }
  }

  // The hot loop: each instance counts into its node only; nodes add up into the places above
  // after. Neighbours in the list often share a node, so the last one found is tried first.
  const filtering = isFiltering(filter);
  const passing: PlacementInstance[] = [];
  let lastNodeId: string | null = null;
  let lastNode: PlacementGroup | null = null;
  for (const instance of snapshot.instances) {
    if (filtering && !instancePasses(instance, filter)) continue;
    passing.push(instance);
    let node: PlacementGroup | null = lastNode;
    if (instance.nodeId !== lastNodeId || node === null) {
      node = nodeGroup(instance.regionId, instance.zoneId, instance.clusterId, instance.nodeId);
      lastNodeId = instance.nodeId;
      lastNode = node;
    }
    node.instances.push(instance);
    countInstance(node.tally, instance);
  }
  for (const [node, above] of talliesAbove) for (const tally of above) addTally(tally, node.tally);

  const regionOrder = new Map(snapshot.regions.map((r, index) => [r.id, index]));
  const regions = [...regionGroups.values()].sort(
    (a, b) =>
      (regionOrder.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (regionOrder.get(b.id) ?? Number.MAX_SAFE_INTEGER) ||
      compareIds(a, b),
  );
  for (const region of regions) sortChildren(region);
  return { regions, total, tallies, instances: passing };
}

const compareIds = (a: PlacementGroup, b: PlacementGroup) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Places in id order below the regions, so the map keeps its shape whatever order sources list them in. */
function sortChildren(group: PlacementGroup) {
  group.children.sort(compareIds);
  for (const child of group.children) sortChildren(child);
}

/**
 * How bad an instance is through a lens, for ranking (higher is worse): down first, then the
 * lens's figure (or, for the up lens, unhealthy before healthy), then instances without the figure.
 */
function badness(instance: PlacementInstance, lens: HealthLens): number {
  if (!instance.up) return Number.POSITIVE_INFINITY;
  switch (lens) {
    case "up":
      return instance.healthy ? 0 : 1;
    case "pauseP99":
      return instance.pauseP99Seconds ?? Number.NEGATIVE_INFINITY;
    case "gcCpu":
      return instance.gcCpuFraction ?? Number.NEGATIVE_INFINITY;
    case "headroom":
      return instance.memoryHeadroomRatio === null ? Number.NEGATIVE_INFINITY : -instance.memoryHeadroomRatio;
  }
}

/**
 * The `limit` worst instances through a lens, worst first (ties keep the input order), without
 * sorting them all: a 10,000-instance fleet asks for a handful.
 */
export function worstInstances(
  instances: Iterable<PlacementInstance>,
  lens: HealthLens,
  limit: number,
): PlacementInstance[] {
  const kept: { instance: PlacementInstance; badness: number }[] = [];
  if (limit <= 0) return [];
  for (const instance of instances) {
    const score = badness(instance, lens);
    if (kept.length === limit && score <= (kept.at(-1)?.badness ?? Number.NEGATIVE_INFINITY)) continue;
    // Insert after every entry at least as bad: ties keep the input order.
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((kept[middle]?.badness ?? 0) >= score) low = middle + 1;
      else high = middle;
    }
    kept.splice(low, 0, { instance, badness: score });
    if (kept.length > limit) kept.pop();
  }
  return kept.map((entry) => entry.instance);
}
