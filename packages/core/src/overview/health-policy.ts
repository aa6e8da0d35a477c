import type { GcSample, ObservedGcSample } from "../model/gc-sample.ts";
import type { Instance } from "../model/inventory.ts";

/** Thresholds past which an instance's Go runtime counts as unhealthy. */
export interface HealthPolicy {
  maxGcCpuFraction: number;
  maxPauseP99Seconds: number;
  minMemoryHeadroomRatio: number;
}

export const defaultHealthPolicy: HealthPolicy = {
  maxGcCpuFraction: 0.25,
  maxPauseP99Seconds: 0.01,
  minMemoryHeadroomRatio: 0.1,
};

export interface InstanceHealth {
  healthy: boolean;
  /** Human-readable, one per breached threshold. */
  reasons: string[];
}

/**
 * The limit an instance gets killed or throttled at: the container's memory limit when set,
 * otherwise the GOMEMLIMIT in force when sampled (soft, but the operator's stated budget).
 */
export function effectiveMemoryLimitBytes(
  instance: Pick<Instance, "memoryLimitBytes"> | { memoryLimitBytes?: number | null },
  sample: Pick<GcSample, "memoryLimitBytes">,
): number | null {
  return instance.memoryLimitBytes ?? sample.memoryLimitBytes;
}

/** 1 − RSS / effective limit; null when there is no limit or (from a metrics backend) no RSS. */
export function memoryHeadroomRatio(
  instance: Pick<Instance, "memoryLimitBytes"> | { memoryLimitBytes?: number | null },
  sample: { rssBytes: number | null; memoryLimitBytes: number | null },
): number | null {
  const limit = effectiveMemoryLimitBytes(instance, sample);
  return limit === null || sample.rssBytes === null ? null : 1 - sample.rssBytes / limit;
}

/**
 * Checks each threshold the sample can be compared with. A metric the source did not have (null,
 * from a metrics backend) skips its check rather than passing or failing it, so an instance is
 * unhealthy only for what was measured.
 */
export function classifyInstanceHealth(
  instance: { memoryLimitBytes?: number | null },
  sample: ObservedGcSample,
  policy: HealthPolicy = defaultHealthPolicy,
): InstanceHealth {
  const reasons: string[] = [];
  const { gcCpuFraction } = sample;
  if (gcCpuFraction !== null && gcCpuFraction > policy.maxGcCpuFraction) {
    reasons.push(`GC CPU ${pct(gcCpuFraction)} above ${pct(policy.maxGcCpuFraction)}`);
  }
  const { p99Seconds } = sample.pause;
  if (p99Seconds !== null && p99Seconds > policy.maxPauseP99Seconds) {
    reasons.push(`GC pause p99 ${(p99Seconds * 1e3).toFixed(1)} ms above ${policy.maxPauseP99Seconds * 1e3} ms`);
  }
  const headroom = memoryHeadroomRatio(instance, sample);
  if (headroom !== null && headroom < policy.minMemoryHeadroomRatio) {
    reasons.push(`memory headroom ${pct(headroom)} below ${pct(policy.minMemoryHeadroomRatio)}`);
  }
  return { healthy: reasons.length === 0, reasons };
}

const pct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
