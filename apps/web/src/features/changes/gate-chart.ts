import type { GateMetric, GcSeriesMetric } from "@fleetdeck/core";
import type { TimeSeriesData } from "../../components/charts/time-series-model.ts";
import type { ValueUnit } from "../../components/charts/value-units.ts";
import type { GateComparison } from "./rollout-view.ts";

/** How a gate's metric is charted: the GC series behind it. Gates with no per-instance series have no chart. */
export interface GateChartSpec {
  series: GcSeriesMetric;
  unit: ValueUnit;
  /** True when the series is the gate's own value, so its fail threshold can be drawn. */
  sameAsGate: boolean;
  note: string | null;
}

export const gateChartSpecs: Record<GateMetric, GateChartSpec | null> = {
  gcPauseP99: { series: "pauseP99Seconds", unit: "seconds", sameAsGate: true, note: null },
  gcCpuFraction: { series: "gcCpuFraction", unit: "ratio", sameAsGate: true, note: null },
  heapToLimit: {
    series: "heapInUseBytes",
    unit: "bytes",
    sameAsGate: false,
    note: "Heap in use; the gate divides it by each instance's memory limit.",
  },
  errorRatio: null,
  latencyP99: null,
};

/** gc.compare takes at most this many subjects; canary and baseline share them. */
export const maxGateChartInstances = 12;

/**
 * Which instances a gate chart asks for: up to half the subjects each side, taken evenly across
 * each sorted list so the picture is not just its first few ids. For a before-change baseline
 * both sides are the same instances.
 */
export function gateChartInstanceIds(comparison: GateComparison): string[] {
  if (comparison.baselineKind === "before-change") return spread(comparison.canaryIds, maxGateChartInstances);
  const half = maxGateChartInstances / 2;
  const canary = spread(comparison.canaryIds, Math.max(half, maxGateChartInstances - comparison.baselineIds.length));
  const baseline = spread(comparison.baselineIds, maxGateChartInstances - canary.length);
  return [...canary, ...baseline];
}

function spread(ids: readonly string[], count: number): string[] {
  if (ids.length <= count) return [...ids];
  return Array.from({ length: count }, (_, index) => ids[Math.floor((index * ids.length) / count)] as string);
}

/** The whole span the chart shows: the baseline window (earlier, for a before-change one) through the bake. */
export function gateChartRange(comparison: GateComparison): { startMs: number; endMs: number } {
  return {
    startMs: Math.min(comparison.windowStartMs, comparison.baselineWindowStartMs),
    endMs: Math.max(comparison.windowEndMs, comparison.baselineWindowEndMs),
  };
}

/**
 * Canary and baseline as two lines, each the median over its instances at each timestamp (the
 * gate's statistic is the median of per-instance means, so the lines show what it summarised).
 * A side is drawn only inside its own window: before the change for a before-change baseline.
 */
export function gateChartLines(panel: TimeSeriesData, comparison: GateComparison): TimeSeriesData {
  const indexOf = new Map(panel.lines.map((line, index) => [line.key, index]));
  const side = (ids: readonly string[], startMs: number, endMs: number) =>
    panel.timestampsMs.map((t, row) => {
      if (t < startMs || t > endMs) return null;
      const values = ids.flatMap((id) => {
        const value = panel.lines[indexOf.get(id) ?? -1]?.values[row];
        return value === null || value === undefined || !Number.isFinite(value) ? [] : [value];
      });
      return median(values);
    });
  return {
    timestampsMs: panel.timestampsMs,
    lines: [
      { key: "canary", values: side(comparison.canaryIds, comparison.windowStartMs, comparison.windowEndMs) },
      {
        key: "baseline",
        values: side(comparison.baselineIds, comparison.baselineWindowStartMs, comparison.baselineWindowEndMs),
      },
    ],
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
