import type { GateMetric } from "../changes/change-request.ts";

/** What a gate metric measures and in which unit its values (and a GateSpec's noiseFloor) are given. */
export interface GateMetricInfo {
  label: string;
  /** Base units, as Prometheus exposes them: durations in seconds, shares as 0–1 ratios. */
  unit: "seconds" | "ratio";
  description: string;
}

export const gateMetricInfo: Record<GateMetric, GateMetricInfo> = {
  gcPauseP99: {
    label: "GC pause p99",
    unit: "seconds",
    description: "99th percentile of stop-the-world GC pauses",
  },
  gcCpuFraction: {
    label: "GC CPU",
    unit: "ratio",
    description: "share of the process's CPU spent on garbage collection",
  },
  heapToLimit: {
    label: "Heap vs limit",
    unit: "ratio",
    description: "heap in use divided by the memory limit (GOMEMLIMIT, else the container's); absent without a limit",
  },
  errorRatio: {
    label: "Error ratio",
    unit: "ratio",
    description: "failed requests divided by all requests",
  },
  latencyP99: {
    label: "Latency p99",
    unit: "seconds",
    description: "99th percentile of request latency",
  },
};

/** A metric value for people: durations in µs/ms/s, ratios in percent, three significant digits. */
export function formatGateValue(metric: GateMetric, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (gateMetricInfo[metric].unit === "ratio") return `${significant(value * 100)} %`;
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && magnitude < 1e-3) return `${significant(value * 1e6)} µs`;
  if (magnitude < 1) return `${significant(value * 1e3)} ms`;
  return `${significant(value)} s`;
}

function significant(value: number): string {
  return String(Number(value.toPrecision(3)));
}
