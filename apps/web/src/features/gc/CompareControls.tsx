import type { GcSeriesMetric } from "@fleetdeck/core";
import { useId } from "react";
import { TimeSeriesChart } from "../../components/charts/TimeSeriesChart.tsx";
import type { TimeSeriesData } from "../../components/charts/time-series-model.ts";
import { compareMetricSpec, gcCompareMetrics } from "./gc-chart-specs.ts";

export function CompareMetricSelect({
  value,
  onChange,
}: {
  value: GcSeriesMetric;
  onChange: (metric: GcSeriesMetric) => void;
}) {
  const id = useId();
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Metric</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const chosen = gcCompareMetrics.find((m) => m.metric === event.target.value);
          if (chosen) onChange(chosen.metric);
        }}
      >
        {gcCompareMetrics.map((m) => (
          <option key={m.metric} value={m.metric}>
            {m.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The overlay chart of compare mode: one metric, one line per subject. */
export function CompareChart({
  metric,
  answer,
  lineLabels,
}: {
  metric: GcSeriesMetric;
  answer: { panel: TimeSeriesData; range: { startMs: number; endMs: number } };
  lineLabels: Readonly<Record<string, string>>;
}) {
  const spec = compareMetricSpec(metric);
  return (
    <TimeSeriesChart
      title={`Compare: ${spec.label}`}
      data={answer.panel}
      lineLabels={lineLabels}
      unit={spec.unit}
      startMs={answer.range.startMs}
      endMs={answer.range.endMs}
      height={260}
    />
  );
}
