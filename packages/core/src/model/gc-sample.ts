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

/** The measured fields of a GcSample, and the pause quantiles one by one: what a note is about. */
export const GcSampleField = z.enum([
  "gcCyclesPerSecond",
  "pause",
  "pause.minSeconds",
  "pause.p25Seconds",
  "pause.p50Seconds",
  "pause.p75Seconds",
  "pause.p99Seconds",
  "pause.maxSeconds",
  "heapLiveBytes",
  "heapInUseBytes",
  "heapGoalBytes",
  "memoryLimitBytes",
  "gcCpuFraction",
  "gcCpuCores",
  "cpuUsageCores",
  "goroutines",
  "allocRateBytesPerSecond",
  "rssBytes",
  "gogc",
  "gomaxprocs",
  "requestsPerSecond",
]);
export type GcSampleField = z.infer<typeof GcSampleField>;

/**
 * Why a field of an observed sample is not a plain measurement: `missing` (the field is null; the
 * message names the metric that was absent or the query that failed) or `estimated` (derived from
 * other metrics through the GC model; the message says from what).
 */
export const GcSampleNote = z.object({
  field: GcSampleField,
  kind: z.enum(["missing", "estimated"]),
  message: z.string().min(1),
});
export type GcSampleNote = z.infer<typeof GcSampleNote>;

export const ObservedPauseQuantiles = z.object({
  minSeconds: z.number().nonnegative().nullable(),
  p25Seconds: z.number().nonnegative().nullable(),
  p50Seconds: z.number().nonnegative().nullable(),
  p75Seconds: z.number().nonnegative().nullable(),
  p99Seconds: z.number().nonnegative().nullable(),
  maxSeconds: z.number().nonnegative().nullable(),
});
export type ObservedPauseQuantiles = z.infer<typeof ObservedPauseQuantiles>;

/**
 * A GcSample as a metrics backend (Prometheus) observes it: services expose different subsets of
 * the Go collector's metrics, so any measurement may be null. A null field has a `missing` note
 * saying which metric was absent, except memoryLimitBytes, where null without a note means "no
 * GOMEMLIMIT" as in GcSample. Every GcSample is also an ObservedGcSample.
 */
export const ObservedGcSample = z.object({
  instanceId: EntityId,
  timestampMs: z.number(),
  gcCyclesPerSecond: z.number().nonnegative().nullable(),
  pause: ObservedPauseQuantiles,
  heapLiveBytes: z.number().nonnegative().nullable(),
  heapInUseBytes: z.number().nonnegative().nullable(),
  heapGoalBytes: z.number().nonnegative().nullable(),
  memoryLimitBytes: z.number().nonnegative().nullable(),
  gcCpuFraction: z.number().min(0).max(1).nullable(),
  gcCpuCores: z.number().nonnegative().nullable(),
  cpuUsageCores: z.number().nonnegative().nullable(),
  goroutines: z.number().nonnegative().nullable(),
  allocRateBytesPerSecond: z.number().nonnegative().nullable(),
  rssBytes: z.number().nonnegative().nullable(),
  gogc: z.union([z.number(), z.literal("off")]).nullable(),
  gomaxprocs: z.number().int().positive().nullable(),
  requestsPerSecond: z.number().nonnegative().nullable(),
  /** Absent or empty when every field is a plain measurement. */
  notes: z.array(GcSampleNote).optional(),
});
export type ObservedGcSample = z.infer<typeof ObservedGcSample>;
