import { z } from "zod";
import { EntityId } from "./inventory.ts";

/**
 * Stop-the-world pause quantiles in seconds, shaped like client_golang's go_gc_duration_seconds
 * summary (quantiles 0, 0.25, 0.5, 0.75, 1) plus the p99 an SRE actually alerts on.
 */
export const PauseQuantiles = z.object({
  minSeconds: z.number().nonnegative(),
  p25Seconds: z.number().nonnegative(),
  p50Seconds: z.number().nonnegative(),
  p75Seconds: z.number().nonnegative(),
  p99Seconds: z.number().nonnegative(),
  maxSeconds: z.number().nonnegative(),
});
export type PauseQuantiles = z.infer<typeof PauseQuantiles>;

/** One instance's Go runtime at one moment: what every metrics source reports. */
export const GcSample = z.object({
  instanceId: EntityId,
  timestampMs: z.number(),
  gcCyclesPerSecond: z.number().nonnegative(),
  pause: PauseQuantiles,
  heapLiveBytes: z.number().nonnegative(),
  heapInUseBytes: z.number().nonnegative(),
  heapGoalBytes: z.number().nonnegative(),
  /** GOMEMLIMIT in force; null when unset. */
  memoryLimitBytes: z.number().nonnegative().nullable(),
  /** Share of the CPU available to the process spent on GC, 0..1. */
  gcCpuFraction: z.number().min(0).max(1),
  /** Cores spent on GC: what it costs in hardware. */
  gcCpuCores: z.number().nonnegative(),
  cpuUsageCores: z.number().nonnegative(),
  goroutines: z.number().nonnegative(),
  allocRateBytesPerSecond: z.number().nonnegative(),
  rssBytes: z.number().nonnegative(),
  gogc: z.union([z.number(), z.literal("off")]),
  gomaxprocs: z.number().int().positive(),
  requestsPerSecond: z.number().nonnegative(),
});
export type GcSample = z.infer<typeof GcSample>;
