import { z } from "zod";

/** Ids are opaque, URL-safe strings: they appear in deep links. */
export const EntityId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, "ids use letters, digits, '.', '_', ':' and '-'");
export type EntityId = z.infer<typeof EntityId>;

export const Region = z.object({
  id: EntityId,
  name: z.string(),
  /** Hours east of UTC; drives the diurnal traffic of the demo fleet and local-time displays. */
  utcOffsetHours: z.number().min(-12).max(14),
});
export type Region = z.infer<typeof Region>;

export const Zone = z.object({ id: EntityId, regionId: EntityId, name: z.string() });
export type Zone = z.infer<typeof Zone>;

export const ClusterKind = z.enum(["kubernetes", "etcd", "tidb", "vm"]);
export type ClusterKind = z.infer<typeof ClusterKind>;

export const Cluster = z.object({
  id: EntityId,
  name: z.string(),
  regionId: EntityId,
  kind: ClusterKind,
});
export type Cluster = z.infer<typeof Cluster>;

export const Node = z.object({
  id: EntityId,
  name: z.string(),
  clusterId: EntityId,
  zoneId: EntityId,
  cpuCores: z.number().positive(),
  memoryBytes: z.number().positive(),
});
export type Node = z.infer<typeof Node>;

export const ServiceTier = z.enum(["critical", "standard", "batch"]);
export type ServiceTier = z.infer<typeof ServiceTier>;

export const Service = z.object({
  id: EntityId,
  name: z.string(),
  owner: z.string(),
  tier: ServiceTier,
});
export type Service = z.infer<typeof Service>;

/**
 * The Go runtime settings a rollout can change. `gogc: "off"` disables the proportional goal;
 * `memoryLimitBytes: null` means no GOMEMLIMIT (the runtime's math.MaxInt64 default).
 */
export const RuntimeConfig = z.object({
  gogc: z.union([z.number().int().min(1).max(100_000), z.literal("off")]),
  memoryLimitBytes: z.number().int().positive().nullable(),
  gomaxprocs: z.number().int().min(1).max(1024),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfig>;

export const RuntimeConfigPatch = RuntimeConfig.partial().refine(
  (patch) => Object.keys(patch).length > 0,
  "a runtime config patch must set at least one of gogc, memoryLimitBytes, gomaxprocs",
);
export type RuntimeConfigPatch = z.infer<typeof RuntimeConfigPatch>;

export const Instance = z.object({
  id: EntityId,
  serviceId: EntityId,
  clusterId: EntityId,
  regionId: EntityId,
  zoneId: EntityId,
  nodeId: EntityId,
  pprofUrl: z.string(),
  metricsUrl: z.string(),
  goVersion: z.string(),
  runtimeConfig: RuntimeConfig,
  /** Container CPU quota in cores (cgroup cpu.max); null when unlimited. */
  cpuLimitCores: z.number().positive().nullable(),
  /** Container memory limit (cgroup memory.max); null when unlimited. */
  memoryLimitBytes: z.number().positive().nullable(),
});
export type Instance = z.infer<typeof Instance>;

export const ServiceEdge = z.object({
  fromServiceId: EntityId,
  toServiceId: EntityId,
  rps: z.number().nonnegative(),
  errorRatio: z.number().min(0).max(1),
  p99LatencyMs: z.number().nonnegative(),
  /**
   * The caller's and callee's regions when the source knows them: calls are then split per
   * region pair, and a pair of different regions is a cross-region call (multi-active setups).
   */
  fromRegionId: EntityId.optional(),
  toRegionId: EntityId.optional(),
});
export type ServiceEdge = z.infer<typeof ServiceEdge>;

export const Inventory = z.object({
  regions: z.array(Region),
  zones: z.array(Zone),
  clusters: z.array(Cluster),
  nodes: z.array(Node),
  services: z.array(Service),
  instances: z.array(Instance),
});
export type Inventory = z.infer<typeof Inventory>;

/**
 * An instance as a metrics backend discovers it from series labels: where it runs and what it
 * runs are known, how it was started often is not. Null means unknown for the URLs, the Go
 * version and the start-up config; the container limits are absent when unknown (null keeps
 * Instance's meaning, "unlimited"). Every Instance is also an ObservedInstance.
 */
export const ObservedInstance = Instance.extend({
  pprofUrl: z.string().nullable(),
  metricsUrl: z.string().nullable(),
  goVersion: z.string().nullable(),
  runtimeConfig: RuntimeConfig.nullable(),
  cpuLimitCores: z.number().positive().nullable().optional(),
  memoryLimitBytes: z.number().positive().nullable().optional(),
});
export type ObservedInstance = z.infer<typeof ObservedInstance>;

/**
 * Something a source could not place or identify, so that nothing is dropped silently. Names
 * the affected instances when it knows them (a per-instance warning), none for a source-wide one.
 */
export const InventoryWarning = z.object({
  message: z.string().min(1),
  instanceIds: z.array(z.string()),
});
export type InventoryWarning = z.infer<typeof InventoryWarning>;

/** Series labels say where a region is, not its time zone: null when unknown. */
export const ObservedRegion = Region.extend({ utcOffsetHours: Region.shape.utcOffsetHours.nullable() });
export type ObservedRegion = z.infer<typeof ObservedRegion>;

/** A node named by a label or a target's host; its capacity is null when no metric tells it. */
export const ObservedNode = Node.extend({
  cpuCores: Node.shape.cpuCores.nullable(),
  memoryBytes: Node.shape.memoryBytes.nullable(),
});
export type ObservedNode = z.infer<typeof ObservedNode>;

/** A service known by its label only: owner and tier are null until someone records them. */
export const ObservedService = Service.extend({
  owner: Service.shape.owner.nullable(),
  tier: ServiceTier.nullable(),
});
export type ObservedService = z.infer<typeof ObservedService>;

/** An Inventory as a metrics backend discovers it; every Inventory is also an ObservedInventory. */
export const ObservedInventory = Inventory.extend({
  regions: z.array(ObservedRegion),
  nodes: z.array(ObservedNode),
  services: z.array(ObservedService),
  instances: z.array(ObservedInstance),
  warnings: z.array(InventoryWarning).optional(),
});
export type ObservedInventory = z.infer<typeof ObservedInventory>;
