import type { ObservedGcSample } from "../model/gc-sample.ts";

type Summed =
  | "heapLiveBytes"
  | "heapInUseBytes"
  | "heapGoalBytes"
  | "gcCpuCores"
  | "cpuUsageCores"
  | "goroutines"
  | "allocRateBytesPerSecond"
  | "rssBytes"
  | "requestsPerSecond";
const summed: readonly Summed[] = [
  "heapLiveBytes",
  "heapInUseBytes",
  "heapGoalBytes",
  "gcCpuCores",
  "cpuUsageCores",
  "goroutines",
  "allocRateBytesPerSecond",
  "rssBytes",
  "requestsPerSecond",
];

interface Bucket {
  timestampMs: number;
  members: ObservedGcSample[];
}

function sumOf(members: readonly ObservedGcSample[], field: Summed): number | null {
  let total: number | null = null;
  for (const m of members) {
    const v = m[field];
    if (v !== null) total = (total ?? 0) + v;
  }
  return total;
}

function extremeOf(values: Array<number | null>, pick: (a: number, b: number) => number): number | null {
  let result: number | null = null;
  for (const v of values) if (v !== null) result = result === null ? v : pick(result, v);
  return result;
}

function meanOf(values: Array<number | null>): number | null {
  let total = 0;
  let count = 0;
  for (const v of values) {
    if (v === null) continue;
    total += v;
    count += 1;
  }
  return count === 0 ? null : total / count;
}

/** The common value of a setting, or null when the members disagree or did not report it. */
function sharedOf<T>(values: T[]): T | null {
  const first = values[0];
  return first !== undefined && values.every((v) => v === first) ? first : null;
}

/**
 * Many instances' samples folded into one series (a service, or a service in one region), one
 * point per timestamp, as the leaderboard folds them: sums for what adds up (cores, bytes,
 * goroutines, rates), the worst pause of any instance, and the mean of per-instance ratios
 * (GC CPU fraction, cycles/s). The memory limit is the sum of limits only when every member has
 * one; a setting (GOGC, GOMAXPROCS) only when every member runs the same.
 */
export function aggregateSamples(
  key: string,
  seriesPerInstance: ReadonlyArray<readonly ObservedGcSample[]>,
): ObservedGcSample[] {
  const buckets = new Map<number, Bucket>();
  for (const series of seriesPerInstance) {
    for (const sample of series) {
      let bucket = buckets.get(sample.timestampMs);
      if (!bucket) {
        bucket = { timestampMs: sample.timestampMs, members: [] };
        buckets.set(sample.timestampMs, bucket);
      }
      bucket.members.push(sample);
    }
  }
  return [...buckets.values()]
    .sort((a, b) => a.timestampMs - b.timestampMs)
    .map(({ timestampMs, members }) => {
      const limits = members.map((m) => m.memoryLimitBytes);
      const worstPause = (quantile: keyof ObservedGcSample["pause"]) =>
        extremeOf(
          members.map((m) => m.pause[quantile]),
          Math.max,
        );
      const point: ObservedGcSample = {
        instanceId: key,
        timestampMs,
        gcCyclesPerSecond: meanOf(members.map((m) => m.gcCyclesPerSecond)),
        pause: {
          // The fastest pause of any member is the group's minimum; every other quantile is the worst.
          minSeconds: extremeOf(
            members.map((m) => m.pause.minSeconds),
            Math.min,
          ),
          p25Seconds: worstPause("p25Seconds"),
          p50Seconds: worstPause("p50Seconds"),
          p75Seconds: worstPause("p75Seconds"),
          p99Seconds: worstPause("p99Seconds"),
          maxSeconds: worstPause("maxSeconds"),
        },
        heapLiveBytes: null,
        heapInUseBytes: null,
        heapGoalBytes: null,
        memoryLimitBytes: limits.every((l) => l !== null) ? limits.reduce((a, b) => a + b, 0) : null,
        gcCpuFraction: meanOf(members.map((m) => m.gcCpuFraction)),
        gcCpuCores: null,
        cpuUsageCores: null,
        goroutines: null,
        allocRateBytesPerSecond: null,
        rssBytes: null,
        gogc: sharedOf(members.map((m) => m.gogc)),
        gomaxprocs: sharedOf(members.map((m) => m.gomaxprocs)),
        requestsPerSecond: null,
      };
      for (const field of summed) point[field] = sumOf(members, field);
      return point;
    });
}
