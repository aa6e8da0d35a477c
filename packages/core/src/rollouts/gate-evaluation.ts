import type { GateMetric, GateSpec } from "../changes/change-request.ts";
import { formatGateValue, gateMetricInfo } from "./gate-metrics.ts";

/**
 * Metric values over a window: per metric, per instance id, the samples taken in the window (in
 * the metric's unit, see gateMetricInfo). A metric the source lacks is absent; samples may be NaN.
 */
export type MetricWindow = Partial<Record<GateMetric, Record<string, readonly number[]>>>;

export type GateVerdict = "pass" | "fail" | "inconclusive";

export interface GateResult {
  metric: GateMetric;
  verdict: GateVerdict;
  /** The canary's statistic (median of per-instance means); null when it has no usable data. */
  canary: number | null;
  baseline: number | null;
  /** The largest rise of canary over baseline that still passes, in the metric's unit. */
  threshold: number | null;
  /** Finite samples behind each side's statistic. */
  canaryPoints: number;
  baselinePoints: number;
  message: string;
}

export interface GateEvaluation {
  verdict: GateVerdict;
  results: GateResult[];
}

/** Fewer finite samples than this on either side say too little to pass or fail a stage. */
export const minGatePointsPerSide = 3;

/**
 * Compares canary and baseline per gate. The baseline is either the unchanged instances of the
 * same scope over the same window, or — when a stage leaves no unchanged instances (100 %) — the
 * canary instances themselves over a window before they were changed; the comparison is the same.
 *
 * Each side is summarised by the median over instances of each instance's mean: the mean uses all
 * of an instance's samples, the median keeps one noisy instance from deciding for the fleet.
 * A gate fails when canary − baseline > max(noiseFloor, maxIncrease × baseline). Missing data,
 * NaN-only data or too few points is inconclusive, which never passes: the overall verdict is
 * fail if any gate fails, else inconclusive if any is, else pass (also when there are no gates).
 */
export function evaluateGates(
  gates: readonly GateSpec[],
  canary: MetricWindow,
  baseline: MetricWindow,
): GateEvaluation {
  const results = gates.map((gate) => evaluateGate(gate, canary[gate.metric], baseline[gate.metric]));
  return { verdict: overallGateVerdict(results), results };
}

export function overallGateVerdict(results: readonly Pick<GateResult, "verdict">[]): GateVerdict {
  if (results.some((r) => r.verdict === "fail")) return "fail";
  if (results.some((r) => r.verdict === "inconclusive")) return "inconclusive";
  return "pass";
}

function evaluateGate(
  gate: GateSpec,
  canarySeries: Record<string, readonly number[]> | undefined,
  baselineSeries: Record<string, readonly number[]> | undefined,
): GateResult {
  const label = gateMetricInfo[gate.metric].label;
  const canary = summarise(canarySeries);
  const baseline = summarise(baselineSeries);
  const base = {
    metric: gate.metric,
    canary: canary.value,
    baseline: baseline.value,
    canaryPoints: canary.points,
    baselinePoints: baseline.points,
  };
  const missing = missingDataMessage(label, canarySeries, canary.points, baselineSeries, baseline.points);
  if (missing !== null || canary.value === null || baseline.value === null) {
    return { ...base, verdict: "inconclusive", threshold: null, message: missing ?? `${label}: no usable data` };
  }

  const threshold = Math.max(gate.noiseFloor, gate.maxIncrease * Math.abs(baseline.value));
  const rise = canary.value - baseline.value;
  const verdict = rise > threshold ? "fail" : "pass";
  return {
    ...base,
    verdict,
    threshold,
    message: comparisonMessage(gate, label, baseline.value, canary.value, verdict),
  };
}

function summarise(series: Record<string, readonly number[]> | undefined): { value: number | null; points: number } {
  const means: number[] = [];
  let points = 0;
  for (const samples of Object.values(series ?? {})) {
    const finite = samples.filter(Number.isFinite);
    if (finite.length === 0) continue;
    points += finite.length;
    means.push(finite.reduce((sum, v) => sum + v, 0) / finite.length);
  }
  return { value: median(means), points };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function missingDataMessage(
  label: string,
  canarySeries: Record<string, readonly number[]> | undefined,
  canaryPoints: number,
  baselineSeries: Record<string, readonly number[]> | undefined,
  baselinePoints: number,
): string | null {
  if (canarySeries === undefined && baselineSeries === undefined) return `${label}: the metric source does not have it`;
  if (canarySeries === undefined || Object.keys(canarySeries).length === 0) return `${label}: no canary instances`;
  if (baselineSeries === undefined || Object.keys(baselineSeries).length === 0) {
    return `${label}: no baseline instances`;
  }
  if (canaryPoints === 0) return `${label}: no finite data from the canary instances`;
  if (baselinePoints === 0) return `${label}: no finite data from the baseline`;
  if (canaryPoints < minGatePointsPerSide || baselinePoints < minGatePointsPerSide) {
    return `${label}: too few points (canary ${canaryPoints}, baseline ${baselinePoints}); at least ${minGatePointsPerSide} each are needed`;
  }
  return null;
}

/** e.g. "GC pause p99 rose 35 % (1.2 ms → 1.62 ms), over the 20 % allowed". */
function comparisonMessage(
  gate: GateSpec,
  label: string,
  baseline: number,
  canary: number,
  verdict: "pass" | "fail",
): string {
  const values = `(${formatGateValue(gate.metric, baseline)} → ${formatGateValue(gate.metric, canary)})`;
  const rise = canary - baseline;
  const relative = baseline !== 0 ? Math.round((Math.abs(rise) / Math.abs(baseline)) * 100) : null;
  const change =
    rise === 0
      ? `${label} did not change`
      : relative === null
        ? `${label} ${rise > 0 ? "rose" : "fell"} from zero`
        : `${label} ${rise > 0 ? "rose" : "fell"} ${relative} %`;
  const floorDecides = gate.noiseFloor >= gate.maxIncrease * Math.abs(baseline);
  const allowance = floorDecides
    ? `the ${formatGateValue(gate.metric, gate.noiseFloor)} noise floor`
    : `the ${Math.round(gate.maxIncrease * 100)} % allowed`;
  return `${change} ${values}, ${verdict === "fail" ? "over" : "within"} ${allowance}`;
}
