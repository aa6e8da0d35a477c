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

type PauseQuantile = keyof ObservedGcSample["pause"];
const pauseQuantiles: readonly PauseQuantile[] = [
  "minSeconds",
  "p25Seconds",
  "p50Seconds",
  "p75Seconds",
  "p99Seconds",
  "maxSeconds",
];

/** A mean of the values seen so far, ignoring unknowns. */
class RunningMean {
  private total = 0;
  private count = 0;
  add(value: number | null) {
    if (value === null) return;
    this.total += value;
    this.count += 1;
  }
  get value(): number | null {
    return this.count === 0 ? null : this.total / this.count;
  }
}

/** The common value of a setting, or null once the members disagree or one did not report it. */
class SharedValue<T> {
  private seen = false;
  private agreed: T | null = null;
  add(value: T | null) {
    if (!this.seen) {
      this.seen = true;
      this.agreed = value;
    } else if (this.agreed !== value) {
      this.agreed = null;
    }
  }
  get value(): T | null {
    return this.agreed;
  }
}

/** One timestamp's running fold: O(1) memory however many instances add to it. */
class FoldedPoint {
  private readonly sums = new Map<Summed, number>();
  private readonly pauses = new Map<PauseQuantile, number>();
  private readonly gcCyclesPerSecond = new RunningMean();
  private readonly gcCpuFraction = new RunningMean();
  private readonly gogc = new SharedValue<ObservedGcSample["gogc"]>();
  private readonly gomaxprocs = new SharedValue<number>();
  private limitsTotal: number | null = 0;

  constructor(readonly timestampMs: number) {}

  add(sample: ObservedGcSample) {
    for (const field of summed) {
      const value = sample[field];
      if (value !== null) this.sums.set(field, (this.sums.get(field) ?? 0) + value);
    }
    for (const quantile of pauseQuantiles) {
      const value = sample.pause[quantile];
      if (value === null) continue;
      const current = this.pauses.get(quantile);
      // The fastest pause of any member is the group's minimum; every other quantile is the worst.
      const pick = quantile === "minSeconds" ? Math.min : Math.max;
      this.pauses.set(quantile, current === undefined ? value : pick(current, value));
    }
    this.gcCyclesPerSecond.add(sample.gcCyclesPerSecond);
    this.gcCpuFraction.add(sample.gcCpuFraction);
    this.gogc.add(sample.gogc);
    this.gomaxprocs.add(sample.gomaxprocs);
    this.limitsTotal =
      this.limitsTotal === null || sample.memoryLimitBytes === null ? null : this.limitsTotal + sample.memoryLimitBytes;
  }

  toSample(key: string): ObservedGcSample {
    const pause = (quantile: PauseQuantile) => this.pauses.get(quantile) ?? null;
    const sum = (field: Summed) => this.sums.get(field) ?? null;
    return {
      instanceId: key,
      timestampMs: this.timestampMs,
      gcCyclesPerSecond: this.gcCyclesPerSecond.value,
      pause: {
        minSeconds: pause("minSeconds"),
        p25Seconds: pause("p25Seconds"),
        p50Seconds: pause("p50Seconds"),
        p75Seconds: pause("p75Seconds"),
        p99Seconds: pause("p99Seconds"),
        maxSeconds: pause("maxSeconds"),
      },
      heapLiveBytes: sum("heapLiveBytes"),
      heapInUseBytes: sum("heapInUseBytes"),
      heapGoalBytes: sum("heapGoalBytes"),
      memoryLimitBytes: this.limitsTotal,
      gcCpuFraction: this.gcCpuFraction.value,
      gcCpuCores: sum("gcCpuCores"),
      cpuUsageCores: sum("cpuUsageCores"),
      goroutines: sum("goroutines"),
      allocRateBytesPerSecond: sum("allocRateBytesPerSecond"),
      rssBytes: sum("rssBytes"),
      gogc: this.gogc.value,
      gomaxprocs: this.gomaxprocs.value,
      requestsPerSecond: sum("requestsPerSecond"),
    };
  }
}

/**
 * Many instances' samples folded into one series (a service, or a service in one region), one
 * point per timestamp, as the leaderboard folds them: sums for what adds up (cores, bytes,
 * goroutines, rates), the worst pause of any instance, and the mean of per-instance ratios
 * (GC CPU fraction, cycles/s). The memory limit is the sum of limits only when every member has
 * one; a setting (GOGC, GOMAXPROCS) only when every member runs the same. Series are added one at
 * a time and dropped after, so a large service never holds all its instances' samples at once.
 */
export class SampleFolder {
  private readonly points = new Map<number, FoldedPoint>();

  constructor(private readonly key: string) {}

  add(series: readonly ObservedGcSample[]) {
    for (const sample of series) {
      let point = this.points.get(sample.timestampMs);
      if (!point) {
        point = new FoldedPoint(sample.timestampMs);
        this.points.set(sample.timestampMs, point);
      }
      point.add(sample);
    }
  }

  result(): ObservedGcSample[] {
    return [...this.points.values()]
      .sort((a, b) => a.timestampMs - b.timestampMs)
      .map((point) => point.toSample(this.key));
  }
}

/** All series at once through a SampleFolder, for callers that already hold them. */
export function aggregateSamples(
  key: string,
  seriesPerInstance: ReadonlyArray<readonly ObservedGcSample[]>,
): ObservedGcSample[] {
  const folder = new SampleFolder(key);
  for (const series of seriesPerInstance) folder.add(series);
  return folder.result();
}
