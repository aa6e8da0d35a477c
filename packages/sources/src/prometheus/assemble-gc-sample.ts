import {
  defaultGcCostModel,
  type GcSampleField,
  type GcSampleNote,
  type ObservedGcSample,
  type ObservedPauseQuantiles,
} from "@fleetdeck/core";
import { type GcQueryKey, gcQueryCatalog } from "./gc-queries.ts";

/** What Prometheus returned for one instance at one instant. */
export interface InstanceReadings {
  /** A gauge or rate; undefined when the instance has no such series (NaN counts as none). */
  value(key: Exclude<GcQueryKey, "pauseQuantiles">): number | undefined;
  /** One quantile of the go_gc_duration_seconds summary (0, 0.25, 0.5, 0.75 or 1). */
  pauseQuantile(quantile: number): number | undefined;
}

export interface AssemblyContext {
  rateWindowSeconds: number;
  /** Queries that failed as a whole, with the error: their fields are missing for everyone. */
  failedQueries: ReadonlyMap<GcQueryKey, string>;
}

/** go_gc_gomemlimit_bytes reads math.MaxInt64 when no limit is set. */
const noMemoryLimitThreshold = 2 ** 62;

/**
 * One instance's observed sample from its readings. A metric the instance lacks leaves its field
 * null with a note naming the metric; GC CPU and the live heap are estimated through the GC
 * model when the runtime does not measure them, and noted as estimated.
 */
export function assembleGcSample(
  instanceId: string,
  timestampMs: number,
  readings: InstanceReadings,
  context: AssemblyContext,
): ObservedGcSample {
  const notes: GcSampleNote[] = [];
  const read = (key: Exclude<GcQueryKey, "pauseQuantiles">, field: GcSampleField): number | null => {
    const value = readings.value(key);
    if (value !== undefined) return value;
    notes.push(missingNote(field, key, context));
    return null;
  };

  const goroutines = read("goroutines", "goroutines");
  const heapInUseBytes = read("heapInUse", "heapInUseBytes");
  const heapGoalBytes = read("heapGoal", "heapGoalBytes");
  const rssBytes = read("rss", "rssBytes");
  const gcCyclesPerSecond = read("gcCycles", "gcCyclesPerSecond");
  const allocRateBytesPerSecond = read("allocRate", "allocRateBytesPerSecond");
  const cpuUsageCores = read("cpuUsage", "cpuUsageCores");
  const gogcPercent = read("gogc", "gogc");
  const gogc = gogcPercent === null ? null : gogcPercent < 0 ? ("off" as const) : gogcPercent;
  const memoryLimitRaw = read("memoryLimit", "memoryLimitBytes");
  const memoryLimitBytes = memoryLimitRaw === null || memoryLimitRaw >= noMemoryLimitThreshold ? null : memoryLimitRaw;
  const gomaxprocsRaw = read("gomaxprocs", "gomaxprocs");
  const gomaxprocs = gomaxprocsRaw === null || gomaxprocsRaw < 1 ? null : Math.round(gomaxprocsRaw);

  const heapLiveBytes = liveHeap(readings, heapGoalBytes, gogc, notes, context);
  const gcCpu = gcCpuOf(readings, { gcCyclesPerSecond, heapLiveBytes, heapGoalBytes, gomaxprocs }, notes, context);
  notes.push(requestsNote);

  return {
    instanceId,
    timestampMs,
    gcCyclesPerSecond,
    pause: pauseOf(readings, notes, context),
    heapLiveBytes,
    heapInUseBytes,
    heapGoalBytes,
    memoryLimitBytes,
    gcCpuFraction: gcCpu.fraction,
    gcCpuCores: gcCpu.cores,
    cpuUsageCores,
    goroutines,
    allocRateBytesPerSecond,
    rssBytes,
    gogc,
    gomaxprocs,
    requestsPerSecond: null,
    notes,
  };
}

/**
 * The summary's quantiles are over the most recent pauses the runtime keeps (MemStats.PauseNs, the
 * last 256 cycles), not over a time window. It has no 0.99 quantile: p99 comes from the pause
 * histogram over the rate window where a service exposes one.
 */
function pauseOf(readings: InstanceReadings, notes: GcSampleNote[], context: AssemblyContext): ObservedPauseQuantiles {
  const quantile = (q: number) => {
    const value = readings.pauseQuantile(q);
    return value === undefined || !Number.isFinite(value) ? null : value;
  };
  const pause = {
    minSeconds: quantile(0),
    p25Seconds: quantile(0.25),
    p50Seconds: quantile(0.5),
    p75Seconds: quantile(0.75),
    p99Seconds: null as number | null,
    maxSeconds: quantile(1),
  };
  if ([pause.minSeconds, pause.p25Seconds, pause.p50Seconds, pause.p75Seconds, pause.maxSeconds].includes(null)) {
    notes.push(missingNote("pause", "pauseQuantiles", context));
  }
  const p99 = readings.value("pauseP99");
  // Interpolating inside a coarse bucket can overshoot the slowest recent pause: cap it there.
  if (p99 !== undefined && Number.isFinite(p99)) pause.p99Seconds = Math.min(p99, pause.maxSeconds ?? p99);
  else notes.push(missingNote("pause.p99Seconds", "pauseP99", context, "go_gc_duration_seconds has no 0.99 quantile"));
  return pause;
}

function liveHeap(
  readings: InstanceReadings,
  heapGoalBytes: number | null,
  gogc: number | "off" | null,
  notes: GcSampleNote[],
  context: AssemblyContext,
): number | null {
  const measured = readings.value("heapLive");
  if (measured !== undefined) return measured;
  const metric = gcQueryCatalog.heapLive.metric;
  if (heapGoalBytes === null || gogc === "off") {
    const why = heapGoalBytes === null ? "the heap goal is missing too" : "GOGC=off sets no goal to infer it from";
    notes.push(note("heapLiveBytes", "missing", `${metric} is not exposed and ${why}`));
    return null;
  }
  // GC guide: goal = live + (live + roots) × GOGC/100. Roots (stacks, globals) are not in the
  // classic metrics; leaving them out overstates the live heap by roots × GOGC/(100 + GOGC).
  const percent = gogc ?? 100;
  const assumed = gogc === null ? " (GOGC=100 assumed: go_gc_gogc_percent is missing)" : "";
  notes.push(
    note(
      "heapLiveBytes",
      "estimated",
      `estimated as go_memstats_next_gc_bytes ÷ (1 + GOGC/100)${assumed}; ${metric} is not exposed${queryFailure("heapLive", context)}`,
    ),
  );
  return heapGoalBytes / (1 + percent / 100);
}

interface GcCpuInputs {
  gcCyclesPerSecond: number | null;
  heapLiveBytes: number | null;
  heapGoalBytes: number | null;
  gomaxprocs: number | null;
}

/**
 * Measured where the runtime's CPU classes are exposed (Go 1.20+): GC CPU-seconds over the
 * runtime's total, which is GOMAXPROCS × wall time, so the fraction is of GOMAXPROCS. Elsewhere
 * estimated as cycles/s × the GC model's per-cycle cost (a fixed part, marking the live heap,
 * sweeping the goal); go_memstats_gc_cpu_fraction is not used: it averages since process start.
 */
function gcCpuOf(
  readings: InstanceReadings,
  inputs: GcCpuInputs,
  notes: GcSampleNote[],
  context: AssemblyContext,
): { cores: number | null; fraction: number | null } {
  const measuredCores = readings.value("gcCpu");
  const totalCores = readings.value("totalCpu");
  if (measuredCores !== undefined) {
    const capacity = totalCores ?? inputs.gomaxprocs;
    if (capacity === undefined || capacity === null || capacity <= 0) {
      notes.push(
        note("gcCpuFraction", "missing", "neither go_cpu_classes_total_cpu_seconds_total nor GOMAXPROCS is known"),
      );
      return { cores: measuredCores, fraction: null };
    }
    return { cores: measuredCores, fraction: clampFraction(measuredCores / capacity) };
  }

  const { gcCyclesPerSecond, heapLiveBytes, heapGoalBytes, gomaxprocs } = inputs;
  const cpuMetric = gcQueryCatalog.gcCpu.metric;
  if (gcCyclesPerSecond === null || heapLiveBytes === null || heapGoalBytes === null) {
    const message = `${cpuMetric} is not exposed, and the cycles or heap needed to estimate GC CPU are missing`;
    notes.push(note("gcCpuCores", "missing", message), note("gcCpuFraction", "missing", message));
    return { cores: null, fraction: null };
  }
  const cost = defaultGcCostModel;
  const cores =
    gcCyclesPerSecond *
    (cost.fixedCpuSecondsPerCycle +
      cost.markCpuSecondsPerByte * heapLiveBytes +
      cost.sweepCpuSecondsPerByte * heapGoalBytes);
  const estimate = `estimated from GC cycles/s and the GC model's per-cycle cost; ${cpuMetric} is not exposed${queryFailure("gcCpu", context)}`;
  notes.push(note("gcCpuCores", "estimated", estimate));
  if (gomaxprocs === null) {
    notes.push(note("gcCpuFraction", "missing", "GOMAXPROCS is unknown (go_sched_gomaxprocs_threads is missing)"));
    return { cores, fraction: null };
  }
  notes.push(note("gcCpuFraction", "estimated", `${estimate}, over GOMAXPROCS`));
  return { cores, fraction: clampFraction(cores / gomaxprocs) };
}

function clampFraction(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Notes are shared between instances: 10,000 instances missing the same metric hold one note. */
const sharedNotes = new Map<string, GcSampleNote>();

function note(field: GcSampleField, kind: GcSampleNote["kind"], message: string): GcSampleNote {
  const key = `${field}\u0000${kind}\u0000${message}`;
  let shared = sharedNotes.get(key);
  if (!shared) {
    if (sharedNotes.size > 10_000) sharedNotes.clear();
    shared = Object.freeze({ field, kind, message });
    sharedNotes.set(key, shared);
  }
  return shared;
}

function missingNote(field: GcSampleField, key: GcQueryKey, context: AssemblyContext, prefix?: string): GcSampleNote {
  const { metric, exposedBy, shape } = gcQueryCatalog[key];
  const failure = context.failedQueries.get(key);
  if (failure !== undefined) return note(field, "missing", `the query for ${metric} failed: ${failure}`);
  const rateHint = shape === "gauge" ? "" : `, or fewer than two scrapes in the last ${context.rateWindowSeconds} s`;
  const lead = prefix ? `${prefix} and ` : "";
  return note(field, "missing", `${lead}${metric} is missing (exposed by ${exposedBy}${rateHint})`);
}

function queryFailure(key: GcQueryKey, context: AssemblyContext): string {
  const failure = context.failedQueries.get(key);
  return failure === undefined ? "" : ` (its query failed: ${failure})`;
}

const requestsNote = note(
  "requestsPerSecond",
  "missing",
  "Go runtimes expose no standard request-rate metric; request rates come from the service's own metrics",
);
