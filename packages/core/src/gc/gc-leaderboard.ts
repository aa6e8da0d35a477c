import { z } from "zod";
import type { ObservedGcSample } from "../model/gc-sample.ts";
import type { ObservedInventory } from "../model/inventory.ts";
import { memoryHeadroomRatio } from "../overview/health-policy.ts";

/** What a leaderboard row stands for. */
export const GcLeaderboardLevel = z.enum(["region", "cluster", "service", "instance"]);
export type GcLeaderboardLevel = z.infer<typeof GcLeaderboardLevel>;

/** The columns a leaderboard sorts by. */
export const GcLeaderboardMetric = z.enum([
  "gcCpuCores",
  "pauseP99Seconds",
  "gcCyclesPerSecond",
  "heapInUseBytes",
  "memoryHeadroomRatio",
  "goroutines",
  "allocRateBytesPerSecond",
  "instances",
]);
export type GcLeaderboardMetric = z.infer<typeof GcLeaderboardMetric>;

export const GcLeaderboardQuery = z.object({
  level: GcLeaderboardLevel,
  /** Only instances in all of these. */
  regionId: z.string().optional(),
  clusterId: z.string().optional(),
  serviceId: z.string().optional(),
  /** Case-insensitive substring of the row's name (and, for instances, its service's). */
  search: z.string().max(200).optional(),
  sort: GcLeaderboardMetric.default("gcCpuCores"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type GcLeaderboardQuery = z.input<typeof GcLeaderboardQuery>;

/**
 * One row: an instance's own numbers, or a group's. A group sums what adds up across instances
 * (cores, bytes, goroutines, rates), takes the worst of what does not (pause p99: the slowest
 * instance; headroom: the tightest) and the mean of cycles/s, since a sum of cycle rates of
 * unrelated heaps means nothing. A null is "no instance reported it"; `missing` says which.
 */
export interface GcLeaderboardRow {
  level: GcLeaderboardLevel;
  id: string;
  name: string;
  /** Where the row sits, for links and context; null above that level. */
  regionId: string;
  clusterId: string | null;
  serviceId: string | null;
  serviceName: string | null;
  instances: number;
  instancesWithData: number;
  gcCpuCores: number | null;
  pauseP99Seconds: number | null;
  gcCyclesPerSecond: number | null;
  heapInUseBytes: number | null;
  heapGoalBytes: number | null;
  /** The sum of the limits in force (GOMEMLIMIT, else container limit); null when any is unlimited. */
  memoryLimitBytes: number | null;
  memoryHeadroomRatio: number | null;
  goroutines: number | null;
  allocRateBytesPerSecond: number | null;
}

export interface GcLeaderboard {
  rows: GcLeaderboardRow[];
  /** Rows matching the scope and search, before paging. */
  total: number;
}

type Accumulated = Omit<GcLeaderboardRow, "gcCyclesPerSecond"> & {
  cyclesSum: number;
  cyclesCount: number;
  unlimited: boolean;
};

const summedFields = [
  "gcCpuCores",
  "heapInUseBytes",
  "heapGoalBytes",
  "goroutines",
  "allocRateBytesPerSecond",
] as const;

function addOrNull(total: number | null, value: number | null): number | null {
  if (value === null) return total;
  return (total ?? 0) + value;
}

function worst(current: number | null, value: number | null, pick: (a: number, b: number) => number) {
  if (value === null) return current;
  return current === null ? value : pick(current, value);
}

/**
 * Folds the latest samples into one leaderboard page. One pass over the instances, then a sort
 * of the groups (at most one per instance).
 */
export function buildGcLeaderboard(
  inventory: ObservedInventory,
  samples: ReadonlyMap<string, ObservedGcSample>,
  input: GcLeaderboardQuery,
): GcLeaderboard {
  const query = GcLeaderboardQuery.parse(input);
  const names = {
    region: new Map(inventory.regions.map((r) => [r.id, r.name])),
    cluster: new Map(inventory.clusters.map((c) => [c.id, c.name])),
    service: new Map(inventory.services.map((s) => [s.id, s.name])),
  };
  const groups = new Map<string, Accumulated>();

  for (const instance of inventory.instances) {
    if (query.regionId !== undefined && instance.regionId !== query.regionId) continue;
    if (query.clusterId !== undefined && instance.clusterId !== query.clusterId) continue;
    if (query.serviceId !== undefined && instance.serviceId !== query.serviceId) continue;

    const id = {
      region: instance.regionId,
      cluster: instance.clusterId,
      service: instance.serviceId,
      instance: instance.id,
    }[query.level];
    let group = groups.get(id);
    if (!group) {
      const serviceName = names.service.get(instance.serviceId) ?? instance.serviceId;
      group = {
        level: query.level,
        id,
        name: query.level === "instance" ? instance.id : (names[query.level].get(id) ?? id),
        regionId: instance.regionId,
        clusterId: query.level === "cluster" || query.level === "instance" ? instance.clusterId : null,
        serviceId: query.level === "service" || query.level === "instance" ? instance.serviceId : null,
        serviceName: query.level === "service" || query.level === "instance" ? serviceName : null,
        instances: 0,
        instancesWithData: 0,
        gcCpuCores: null,
        pauseP99Seconds: null,
        heapInUseBytes: null,
        heapGoalBytes: null,
        memoryLimitBytes: null,
        memoryHeadroomRatio: null,
        goroutines: null,
        allocRateBytesPerSecond: null,
        cyclesSum: 0,
        cyclesCount: 0,
        unlimited: false,
      };
      groups.set(id, group);
    }
    group.instances += 1;
    const sample = samples.get(instance.id);
    if (!sample) continue;
    group.instancesWithData += 1;
    for (const field of summedFields) group[field] = addOrNull(group[field], sample[field]);
    group.pauseP99Seconds = worst(group.pauseP99Seconds, sample.pause.p99Seconds, Math.max);
    if (sample.gcCyclesPerSecond !== null) {
      group.cyclesSum += sample.gcCyclesPerSecond;
      group.cyclesCount += 1;
    }
    const limit = sample.memoryLimitBytes ?? instance.memoryLimitBytes ?? null;
    if (limit === null) group.unlimited = true;
    else group.memoryLimitBytes = (group.memoryLimitBytes ?? 0) + limit;
    group.memoryHeadroomRatio = worst(group.memoryHeadroomRatio, memoryHeadroomRatio(instance, sample), Math.min);
  }

  const search = query.search?.trim().toLowerCase();
  // Sort the accumulated groups themselves and shape only the page's rows: at the instance level
  // there are as many groups as instances, and a page is 50 of them.
  const matching: Array<Accumulated & { gcCyclesPerSecond: number | null }> = [];
  for (const group of groups.values()) {
    if (search && !group.name.toLowerCase().includes(search) && !group.serviceName?.toLowerCase().includes(search)) {
      continue;
    }
    matching.push(
      Object.assign(group, { gcCyclesPerSecond: group.cyclesCount === 0 ? null : group.cyclesSum / group.cyclesCount }),
    );
  }

  const sign = query.direction === "asc" ? 1 : -1;
  const key = query.sort;
  // Code-point order for ties: locale-aware comparison costs more than the whole fold here.
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  matching.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    // Rows without the number go last whichever way the column is sorted.
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return x === y ? byName(a, b) : (x - y) * sign;
  });
  const rows = matching.slice(query.offset, query.offset + query.limit).map((group): GcLeaderboardRow => {
    const { cyclesSum, cyclesCount, unlimited, ...row } = group;
    return { ...row, memoryLimitBytes: unlimited ? null : row.memoryLimitBytes };
  });
  return { rows, total: matching.length };
}
