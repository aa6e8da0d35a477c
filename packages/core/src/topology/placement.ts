import { z } from "zod";
import { EntityId, ObservedRegion } from "../model/inventory.ts";

/** What the placement map colours by: liveness, or one of the GC health thresholds. */
export const HealthLens = z.enum(["up", "pauseP99", "gcCpu", "headroom"]);
export type HealthLens = z.infer<typeof HealthLens>;

/**
 * One instance as the placement map needs it: where it runs, whether it answers, and the three
 * GC figures the health policy judges. A figure the source did not report is null (unknown),
 * never 0. `healthy` is the health policy's verdict on what was measured; a down instance is
 * not healthy.
 */
export const PlacementInstance = z.object({
  id: EntityId,
  serviceId: EntityId,
  regionId: EntityId,
  zoneId: EntityId,
  clusterId: EntityId,
  nodeId: EntityId,
  up: z.boolean(),
  healthy: z.boolean(),
  pauseP99Seconds: z.number().nonnegative().nullable(),
  gcCpuFraction: z.number().min(0).max(1).nullable(),
  memoryHeadroomRatio: z.number().nullable(),
  /** Searchable and filterable labels (service, tier, Go version, Kubernetes labels, ...). */
  labels: z.record(z.string(), z.string()),
  /** Which source reported it. */
  sourceId: z.string(),
});
export type PlacementInstance = z.infer<typeof PlacementInstance>;

export const PlacementZone = z.object({ id: EntityId, regionId: EntityId, name: z.string() });
export const PlacementCluster = z.object({
  id: EntityId,
  name: z.string(),
  regionId: EntityId,
  kind: z.enum(["kubernetes", "etcd", "tidb", "vm"]),
  sourceId: z.string(),
});
export type PlacementCluster = z.infer<typeof PlacementCluster>;
export const PlacementNode = z.object({
  id: EntityId,
  name: z.string(),
  clusterId: EntityId,
  zoneId: EntityId,
  /** False when the node itself is known to be down or not ready; null when no source says. */
  ready: z.boolean().nullable(),
});
export type PlacementNode = z.infer<typeof PlacementNode>;

/** Every place and instance at one moment, merged over all sources: the placement map's data. */
export const PlacementSnapshot = z.object({
  atMs: z.number(),
  regions: z.array(ObservedRegion),
  zones: z.array(PlacementZone),
  clusters: z.array(PlacementCluster),
  nodes: z.array(PlacementNode),
  services: z.array(z.object({ id: EntityId, name: z.string() })),
  instances: z.array(PlacementInstance),
  /** Sources that failed this time, with what went wrong: the map shows what the others gave. */
  sourceErrors: z.array(z.object({ sourceId: z.string(), message: z.string() })),
});
export type PlacementSnapshot = z.infer<typeof PlacementSnapshot>;
