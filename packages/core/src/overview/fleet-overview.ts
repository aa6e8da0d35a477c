import { z } from "zod";
import type { ObservedGcSample } from "../model/gc-sample.ts";
import { EntityId, type ObservedInventory } from "../model/inventory.ts";
import {
  classifyInstanceHealth,
  defaultHealthPolicy,
  effectiveMemoryLimitBytes,
  type HealthPolicy,
  memoryHeadroomRatio,
} from "./health-policy.ts";

export const ServiceGcCost = z.object({
  serviceId: EntityId,
  serviceName: z.string(),
  instances: z.number().int(),
  /** Sum over the instances whose GC CPU is known. */
  gcCpuCores: z.number(),
  /** Mean over the instances whose GC CPU fraction is known; null when none is. */
  meanGcCpuFraction: z.number().nullable(),
});

export const InstancePause = z.object({
  instanceId: EntityId,
  serviceId: EntityId,
  serviceName: z.string(),
  regionId: EntityId,
  pauseP99Seconds: z.number(),
});

export const InstanceHeadroom = z.object({
  instanceId: EntityId,
  serviceId: EntityId,
  serviceName: z.string(),
  regionId: EntityId,
  rssBytes: z.number(),
  limitBytes: z.number(),
  headroomRatio: z.number(),
});

export const RegionHealth = z.object({
  regionId: EntityId,
  regionName: z.string(),
  clusters: z.number().int(),
  instances: z.number().int(),
  unhealthyInstances: z.number().int(),
  gcCpuCores: z.number(),
  worstPauseP99Seconds: z.number(),
});

export const FleetOverview = z.object({
  atMs: z.number(),
  totals: z.object({
    regions: z.number().int(),
    clusters: z.number().int(),
    services: z.number().int(),
    instances: z.number().int(),
    healthyInstances: z.number().int(),
    unhealthyInstances: z.number().int(),
    /** Instances the sources knew of but sent no sample for. */
    instancesWithoutData: z.number().int(),
    gcCpuCores: z.number(),
  }),
  topGcCpuServices: z.array(ServiceGcCost),
  worstPauseInstances: z.array(InstancePause),
  leastHeadroomInstances: z.array(InstanceHeadroom),
  regions: z.array(RegionHealth),
});
export type FleetOverview = z.infer<typeof FleetOverview>;

export interface FleetOverviewOptions {
  atMs: number;
  /** Rows per leaderboard. */
  top?: number;
  policy?: HealthPolicy;
}

/**
 * Folds per-instance samples into the fleet's front page. One pass over the instances.
 *
 * Samples from a metrics backend may lack a metric (null). A null never counts as 0: it is left
 * out of sums and means, its instance is left out of that leaderboard, and health skips the
 * check it would feed (classifyInstanceHealth).
 */
export function summarizeFleet(
  inventory: ObservedInventory,
  samples: ReadonlyMap<string, ObservedGcSample>,
  { atMs, top = 10, policy = defaultHealthPolicy }: FleetOverviewOptions,
): FleetOverview {
  const serviceNames = new Map(inventory.services.map((s) => [s.id, s.name]));
  const serviceCost = new Map<
    string,
    { cores: number; fractionSum: number; fractionsKnown: number; instances: number }
  >();
  const regions = new Map(
    inventory.regions.map((r) => [
      r.id,
      {
        regionId: r.id,
        regionName: r.name,
        clusters: 0,
        instances: 0,
        unhealthyInstances: 0,
        gcCpuCores: 0,
        worstPauseP99Seconds: 0,
      },
    ]),
  );
  for (const cluster of inventory.clusters) {
    const region = regions.get(cluster.regionId);
    if (region) region.clusters++;
  }

  // Rows are built only for instances that make a leaderboard: 10,000 instances, 10 rows each.
  const pauses = new TopN<z.infer<typeof InstancePause>>(top);
  const headrooms = new TopN<z.infer<typeof InstanceHeadroom>>(top);
  let healthy = 0;
  let unhealthy = 0;
  let withoutData = 0;
  let fleetGcCpuCores = 0;

  for (const instance of inventory.instances) {
    const region = regions.get(instance.regionId);
    if (region) region.instances++;
    const sample = samples.get(instance.id);
    if (!sample) {
      withoutData++;
      continue;
    }
    const serviceName = serviceNames.get(instance.serviceId) ?? instance.serviceId;
    if (classifyInstanceHealth(instance, sample, policy).healthy) healthy++;
    else {
      unhealthy++;
      if (region) region.unhealthyInstances++;
    }
    const cost = serviceCost.get(instance.serviceId) ?? { cores: 0, fractionSum: 0, fractionsKnown: 0, instances: 0 };
    cost.instances++;
    serviceCost.set(instance.serviceId, cost);
    const { gcCpuCores, gcCpuFraction, rssBytes } = sample;
    const pauseP99Seconds = sample.pause.p99Seconds;
    if (gcCpuCores !== null) {
      fleetGcCpuCores += gcCpuCores;
      cost.cores += gcCpuCores;
      if (region) region.gcCpuCores += gcCpuCores;
    }
    if (gcCpuFraction !== null) {
      cost.fractionSum += gcCpuFraction;
      cost.fractionsKnown++;
    }
    if (pauseP99Seconds !== null) {
      if (region) region.worstPauseP99Seconds = Math.max(region.worstPauseP99Seconds, pauseP99Seconds);
      if (pauses.accepts(pauseP99Seconds)) {
        pauses.insert(pauseP99Seconds, {
          instanceId: instance.id,
          serviceId: instance.serviceId,
          serviceName,
          regionId: instance.regionId,
          pauseP99Seconds,
        });
      }
    }
    const headroomRatio = memoryHeadroomRatio(instance, sample);
    const limitBytes = effectiveMemoryLimitBytes(instance, sample);
    if (headroomRatio !== null && rssBytes !== null && limitBytes !== null && headrooms.accepts(-headroomRatio)) {
      headrooms.insert(-headroomRatio, {
        instanceId: instance.id,
        serviceId: instance.serviceId,
        serviceName,
        regionId: instance.regionId,
        rssBytes,
        limitBytes,
        headroomRatio,
      });
    }
  }

  const topGcCpuServices = [...serviceCost.entries()]
    .map(([serviceId, c]) => ({
      serviceId,
      serviceName: serviceNames.get(serviceId) ?? serviceId,
      instances: c.instances,
      gcCpuCores: c.cores,
      meanGcCpuFraction: c.fractionsKnown === 0 ? null : c.fractionSum / c.fractionsKnown,
    }))
    .sort((a, b) => b.gcCpuCores - a.gcCpuCores)
    .slice(0, top);

  return {
    atMs,
    totals: {
      regions: inventory.regions.length,
      clusters: inventory.clusters.length,
      services: inventory.services.length,
      instances: inventory.instances.length,
      healthyInstances: healthy,
      unhealthyInstances: unhealthy,
      instancesWithoutData: withoutData,
      gcCpuCores: fleetGcCpuCores,
    },
    topGcCpuServices,
    worstPauseInstances: pauses.values(),
    leastHeadroomInstances: headrooms.values(),
    regions: [...regions.values()],
  };
}

/**
 * The n entries with the largest keys, in order, without sorting everything (n is small, the
 * fleet is not). Equal keys keep their arrival order.
 */
class TopN<T> {
  private readonly keys: number[] = [];
  private readonly items: T[] = [];

  constructor(private readonly n: number) {}

  /** Whether an entry with this key would make the cut: ask before building the entry. */
  accepts(key: number): boolean {
    return this.n > 0 && (this.keys.length < this.n || key > (this.keys[this.n - 1] as number));
  }

  insert(key: number, item: T): void {
    let index = this.keys.length;
    while (index > 0 && (this.keys[index - 1] as number) < key) index--;
    this.keys.splice(index, 0, key);
    this.items.splice(index, 0, item);
    if (this.keys.length > this.n) {
      this.keys.pop();
      this.items.pop();
    }
  }

  values(): T[] {
    return this.items;
  }
}
