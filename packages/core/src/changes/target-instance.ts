import type { ObservedGcSample } from "../model/gc-sample.ts";
import type { RuntimeConfig } from "../model/inventory.ts";
import type { SelectableInstance } from "./label-selector.ts";

/**
 * One instance a change is aimed at, as the policy rules and the prediction see it: plain data the
 * server gathers (inventory, config centre, latest GC sample) before asking either.
 */
export interface TargetInstance {
  instanceId: string;
  regionId: string;
  clusterId: string;
  /** The runtime config the instance runs now; null when nobody knows it. */
  currentConfig: RuntimeConfig | null;
  /** Container CPU quota in cores; null when unlimited. */
  cpuLimitCores: number | null;
  /** Container memory limit; null when unlimited. */
  containerMemoryLimitBytes: number | null;
  /** The instance's most recent GC sample; null when no source has one. */
  latestSample: ObservedGcSample | null;
  /**
   * The highest live heap seen over a recent window (a day's peak, say), when the server has it;
   * null uses the latest sample's live heap.
   */
  peakLiveHeapBytes: number | null;
}

/** What targetInstanceOf reads from an inventory instance (an Instance or an ObservedInstance). */
export type TargetableInstance = SelectableInstance & {
  runtimeConfig: RuntimeConfig | null;
  cpuLimitCores?: number | null;
  memoryLimitBytes?: number | null;
};

/**
 * Builds the rules' view of an instance. The current config is the inventory's when known, else
 * what the sample reports the runtime runs (GOGC, GOMEMLIMIT, GOMAXPROCS), else unknown.
 */
export function targetInstanceOf(
  instance: TargetableInstance,
  latestSample: ObservedGcSample | null,
  peakLiveHeapBytes: number | null = null,
): TargetInstance {
  return {
    instanceId: instance.id,
    regionId: instance.regionId,
    clusterId: instance.clusterId,
    currentConfig: instance.runtimeConfig ?? (latestSample && runtimeConfigOfSample(latestSample)),
    cpuLimitCores: instance.cpuLimitCores ?? null,
    containerMemoryLimitBytes: instance.memoryLimitBytes ?? null,
    latestSample,
    peakLiveHeapBytes,
  };
}

/** The config a sample says the runtime runs; null when a setting was not reported. */
function runtimeConfigOfSample(sample: ObservedGcSample): RuntimeConfig | null {
  // A null memoryLimitBytes means "no GOMEMLIMIT" unless a note says the metric was missing.
  const limitMissing = sample.notes?.some((note) => note.field === "memoryLimitBytes" && note.kind === "missing");
  if (sample.gogc === null || sample.gomaxprocs === null || limitMissing) return null;
  return { gogc: sample.gogc, memoryLimitBytes: sample.memoryLimitBytes, gomaxprocs: sample.gomaxprocs };
}
