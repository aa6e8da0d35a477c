import type { PauseQuantiles } from "../model/gc-sample.ts";
import { pauseQuantiles } from "./pause-model.ts";

/** What the model needs to know about one Go process. Bytes, seconds and cores throughout. */
export interface GcModelInput {
  liveHeapBytes: number;
  /** Goroutine stacks and globals: scanned every cycle and part of the GOGC goal since Go 1.18. */
  rootsBytes: number;
  allocRateBytesPerSecond: number;
  gogc: number | "off";
  /** GOMEMLIMIT; null when unset. */
  memoryLimitBytes: number | null;
  /** Runtime memory outside the heap (stacks, metadata) that counts against GOMEMLIMIT. */
  nonHeapBytes: number;
  gomaxprocs: number;
  /** Container CPU quota in cores; null when unlimited. */
  cpuQuotaCores: number | null;
  goroutines: number;
  /** CPU the application itself uses; only shapes the CPU-starvation part of the pause tail. */
  mutatorCpuCores?: number;
}

/**
 * Per-cycle GC cost, after the GC guide's model: a fixed cost plus a cost proportional to the
 * scanned memory (live heap + roots, the mark phase) plus one proportional to the heap size (sweep).
 */
export interface GcCostModel {
  fixedCpuSecondsPerCycle: number;
  markCpuSecondsPerByte: number;
  sweepCpuSecondsPerByte: number;
}

/**
 * Calibrated to a Go 1.19 program on a 2-core machine (see GC-MODEL.md): marking runs at roughly
 * 0.7 GB/s per core, sweeping is some thirty times cheaper per byte.
 */
export const defaultGcCostModel: GcCostModel = {
  fixedCpuSecondsPerCycle: 50e-6,
  markCpuSecondsPerByte: 1.5e-9,
  sweepCpuSecondsPerByte: 0.05e-9,
};

export interface GcPrediction {
  heapGoalBytes: number;
  /** The goal GOGC alone would set; null when GOGC=off. */
  gogcHeapGoalBytes: number | null;
  /** True when GOMEMLIMIT, not GOGC, sets the goal. */
  memoryLimitBinding: boolean;
  /** True when the ~50% GC CPU limiter engaged and the heap was let past the memory limit. */
  gcCpuLimited: boolean;
  /** The heap just before a cycle completes: the sawtooth's top. */
  heapPeakBytes: number;
  /** Time-averaged heap in use: the sawtooth runs from the live heap up to the peak. */
  heapInUseAverageBytes: number;
  gcCyclesPerSecond: number;
  gcCpuSecondsPerCycle: number;
  gcCpuCores: number;
  /** gcCpuCores over the cores the process can use (GOMAXPROCS, or the CPU quota if lower). */
  gcCpuFraction: number;
  availableCores: number;
  pause: PauseQuantiles;
  rssBytes: number;
}

/** The runtime's minimum total heap goal: 4 MiB scaled by GOGC (runtime/mgcpacer.go). */
const heapMinimumBytes = (gogc: number) => (4 * 1024 * 1024 * gogc) / 100;
/** sysmon forces a GC when none has run for two minutes (runtime.forcegcperiod). */
const forcedGcPeriodSeconds = 120;
/** The GC CPU limiter caps GC at about half the available CPU under a memory limit. */
const gcCpuLimitRatio = 0.5;

export function predictGc(input: GcModelInput, cost: GcCostModel = defaultGcCostModel): GcPrediction {
  // Runs once per instance per snapshot (10,000 at a time): plain arithmetic, no closures.
  const live = input.liveHeapBytes;
  const alloc = input.allocRateBytesPerSecond;
  const availableCores = Math.min(input.gomaxprocs, input.cpuQuotaCores ?? Number.POSITIVE_INFINITY);
  const scanCostPerCycle = cost.fixedCpuSecondsPerCycle + cost.markCpuSecondsPerByte * (live + input.rootsBytes);

  // GC guide: goal = live + (live + roots) × GOGC/100, never below the runtime's heap minimum.
  const gogcHeapGoalBytes =
    input.gogc === "off"
      ? null
      : Math.max(live + ((live + input.rootsBytes) * input.gogc) / 100, heapMinimumBytes(input.gogc));
  // Under GOMEMLIMIT the goal becomes what the limit leaves after non-heap runtime memory.
  const limitHeapGoalBytes =
    input.memoryLimitBytes === null ? null : Math.max(input.memoryLimitBytes - input.nonHeapBytes, 0);

  const forcedGoal = live + alloc * forcedGcPeriodSeconds;
  let goal = Math.min(gogcHeapGoalBytes ?? Number.POSITIVE_INFINITY, forcedGoal);
  const memoryLimitBinding = limitHeapGoalBytes !== null && limitHeapGoalBytes < goal;
  if (memoryLimitBinding && limitHeapGoalBytes !== null) goal = limitHeapGoalBytes;

  let gcCpuLimited = false;
  let cycles = cyclesPerSecond(alloc, goal - live);
  if (memoryLimitBinding) {
    const capCores = gcCpuLimitRatio * availableCores;
    if (cycles * (scanCostPerCycle + cost.sweepCpuSecondsPerByte * goal) > capCores) {
      // Solve cycles × cost(goal) = cap with cycles = alloc / (goal − live) for the goal the
      // limiter settles on: the heap grows past the limit instead of the GC taking more CPU.
      // Past ~10 GB/s of allocation per capped core no finite goal satisfies it; the forced
      // two-minute GC then bounds the heap.
      const denominator = capCores - alloc * cost.sweepCpuSecondsPerByte;
      goal = denominator > 0 ? (alloc * scanCostPerCycle + capCores * live) / denominator : forcedGoal;
      gcCpuLimited = true;
      cycles = capCores / (scanCostPerCycle + cost.sweepCpuSecondsPerByte * goal);
    }
  }
  cycles = Math.max(cycles, alloc > 0 ? 1 / forcedGcPeriodSeconds : 0);

  const gcCpuSecondsPerCycle = scanCostPerCycle + cost.sweepCpuSecondsPerByte * goal;
  const gcCpuCores = Math.min(cycles * gcCpuSecondsPerCycle, availableCores);

  return {
    heapGoalBytes: goal,
    gogcHeapGoalBytes,
    memoryLimitBinding,
    gcCpuLimited,
    heapPeakBytes: goal,
    heapInUseAverageBytes: live + (goal - live) / 2,
    gcCyclesPerSecond: cycles,
    gcCpuSecondsPerCycle,
    gcCpuCores,
    gcCpuFraction: gcCpuCores / availableCores,
    availableCores,
    pause: pauseQuantiles({
      goroutines: input.goroutines,
      gomaxprocs: input.gomaxprocs,
      cpuQuotaCores: input.cpuQuotaCores,
      demandCores: (input.mutatorCpuCores ?? 0) + gcCpuCores,
    }),
    rssBytes: goal + input.nonHeapBytes,
  };
}

/** GC guide: cycles/s ≈ allocation rate ÷ the runway between the live heap and the goal. */
function cyclesPerSecond(allocRateBytesPerSecond: number, runwayBytes: number): number {
  if (allocRateBytesPerSecond <= 0) return 0;
  if (runwayBytes <= 0) return Number.POSITIVE_INFINITY;
  return allocRateBytesPerSecond / runwayBytes;
}

/**
 * A default for runtime memory outside the heap when it is not measured: a few MiB of fixed
 * runtime state, an 8 KiB starting stack per goroutine, and GC metadata of a few percent of heap.
 */
export function estimateNonHeapBytes(liveHeapBytes: number, goroutines = 100): number {
  return 4 * 1024 * 1024 + goroutines * 8 * 1024 + 0.03 * liveHeapBytes;
}
