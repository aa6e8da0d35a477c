import { formatGateValue, type GateResult, gateMetricInfo, type RolloutProgress } from "@fleetdeck/core";
import { skipToken, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { TimeSeriesChart } from "../../components/charts/TimeSeriesChart.tsx";
import type { ChartMarker } from "../../components/charts/time-series-model.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { formatClockTime } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { errorMessage } from "../../lib/trpc-errors.ts";
import { flameComparisonOf } from "./flame-comparison.ts";
import { gateChartInstanceIds, gateChartLines, gateChartRange, gateChartSpecs } from "./gate-chart.ts";
import { type GateComparison, gateComparisonOf, type StageView } from "./rollout-view.ts";
import { useServiceProfiles } from "./use-changes.ts";

/** Points per gate chart: a small chart, a short window. */
const gateChartPoints = 120;

interface GateResultsProps {
  progress: RolloutProgress;
  stages: readonly StageView[];
  serviceId: string;
}

/** Each evaluated stage's gate verdicts, with the charts that decided them and a flame-graph diff when profiles allow. */
export function GateResults({ progress, stages, serviceId }: GateResultsProps) {
  const evaluated = stages.filter((stage) => stage.gate !== null);
  const profiles = useServiceProfiles(evaluated.length > 0 ? serviceId : null);
  if (evaluated.length === 0) {
    return <p className="state">No stage has reached its gates yet.</p>;
  }
  const latest = evaluated[evaluated.length - 1]?.index;
  return (
    <div className="stack">
      {evaluated.map((stage) => {
        const comparison = gateComparisonOf(progress, stage.index);
        return comparison && stage.gate ? (
          <StageGates
            key={stage.index}
            stage={stage}
            comparison={comparison}
            results={stage.gate.results}
            defaultOpen={stage.index === latest}
            profiles={profiles.data?.profiles ?? null}
          />
        ) : null;
      })}
    </div>
  );
}

type ProfileList = NonNullable<ReturnType<typeof useServiceProfiles>["data"]>["profiles"];

interface StageGatesProps {
  stage: StageView;
  comparison: GateComparison;
  results: readonly GateResult[];
  defaultOpen: boolean;
  profiles: ProfileList | null;
}

function StageGates({ stage, comparison, results, defaultOpen, profiles }: StageGatesProps) {
  const [open, setOpen] = useState(defaultOpen);
  const verdict = stage.gate?.verdict ?? "inconclusive";
  const baselineWords =
    comparison.baselineKind === "before-change"
      ? `the same ${comparison.canaryIds.length} instances before their change`
      : `${comparison.baselineIds.length} unchanged ${comparison.baselineIds.length === 1 ? "instance" : "instances"}`;
  const columns: Column<GateResult>[] = [
    { header: "Gate", rowHeader: true, cell: (r) => gateMetricInfo[r.metric].label },
    { header: "Canary", numeric: true, cell: (r) => valueText(r, r.canary) },
    { header: "Baseline", numeric: true, cell: (r) => valueText(r, r.baseline) },
    {
      header: "Fails above",
      numeric: true,
      cell: (r) =>
        r.baseline !== null && r.threshold !== null ? formatGateValue(r.metric, r.baseline + r.threshold) : "—",
    },
    {
      header: "Verdict",
      cell: (r) => (
        <StatusBadge tone={r.verdict === "pass" ? "good" : r.verdict === "fail" ? "bad" : "warn"}>
          {r.verdict}
        </StatusBadge>
      ),
    },
    { header: "Why", cell: (r) => r.message },
  ];
  return (
    <details className="stage-gates" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <span className="stage-gates__title">
          Stage {stage.index + 1} ({stage.name}) gates
        </span>{" "}
        <StatusBadge tone={verdict === "pass" ? "good" : verdict === "fail" ? "bad" : "warn"}>{verdict}</StatusBadge>
      </summary>
      {open ? (
        <div className="stack">
          <p className="panel__note">
            {comparison.canaryIds.length} canary {comparison.canaryIds.length === 1 ? "instance" : "instances"} over the
            bake ({formatClockTime(comparison.windowStartMs)}–{formatClockTime(comparison.windowEndMs)}) against{" "}
            {baselineWords}
            {comparison.baselineKind === "before-change"
              ? ` (${formatClockTime(comparison.baselineWindowStartMs)}–${formatClockTime(comparison.baselineWindowEndMs)})`
              : ""}
            .
          </p>
          <DataTable
            label={`Stage ${stage.index + 1} gate results`}
            columns={columns}
            rows={results}
            rowKey={(r) => r.metric}
            emptyText="The plan has no gates: the stage passed once its instances converged."
          />
          <div className="gate-charts">
            {results.map((result) => (
              <GateChart key={result.metric} result={result} comparison={comparison} />
            ))}
          </div>
          <FlameDiffLink comparison={comparison} profiles={profiles} />
        </div>
      ) : null}
    </details>
  );
}

function valueText(result: GateResult, value: number | null) {
  return value === null ? <span className="text-muted">no data</span> : formatGateValue(result.metric, value);
}

/** Canary against baseline over the windows the gate read, from the same GC series the controller read. */
function GateChart({ result, comparison }: { result: GateResult; comparison: GateComparison }) {
  const trpc = useTRPC();
  const spec = gateChartSpecs[result.metric];
  const range = gateChartRange(comparison);
  const ids = gateChartInstanceIds(comparison);
  const series = useQuery(
    trpc.gc.compare.queryOptions(
      spec === null || ids.length === 0
        ? skipToken
        : {
            metric: spec.series,
            subjects: ids.map((instanceId) => ({ kind: "instance" as const, instanceId })),
            window: { startMs: range.startMs, endMs: range.endMs, maxPoints: gateChartPoints },
          },
      { staleTime: Number.POSITIVE_INFINITY },
    ),
  );
  const title = `${gateMetricInfo[result.metric].label}: canary vs baseline`;
  if (spec === null) {
    return (
      <figure className="chart gate-chart" aria-label={title}>
        <figcaption className="time-series__title">{title}</figcaption>
        <p className="state">
          No source reports this metric per instance, so the gate cannot pass: it holds the rollout.
        </p>
      </figure>
    );
  }
  if (series.data === undefined) {
    return (
      <p
        className={series.error ? "state state--error" : "state state--loading"}
        role={series.error ? "alert" : "status"}
      >
        {series.error
          ? `Could not load the ${title} chart: ${errorMessage(series.error)}`
          : `Loading the ${title} chart…`}
      </p>
    );
  }
  // Against unchanged instances the chart is the bake itself; a before-change baseline needs its two moments marked.
  const markers: ChartMarker[] =
    comparison.baselineKind === "before-change"
      ? [
          { atMs: comparison.baselineWindowEndMs, label: "the canaries' change was written", shortLabel: "change" },
          { atMs: comparison.windowStartMs, label: "bake began: the canaries run the new config", shortLabel: "bake" },
        ]
      : [];
  const failsAbove =
    spec.sameAsGate && result.baseline !== null && result.threshold !== null
      ? result.baseline + result.threshold
      : null;
  return (
    <div className="gate-chart">
      <TimeSeriesChart
        title={title}
        data={gateChartLines(series.data.panel, comparison)}
        lineLabels={{ canary: "canary (median)", baseline: "baseline (median)" }}
        unit={spec.unit}
        startMs={range.startMs}
        endMs={range.endMs}
        markers={markers}
        limit={
          failsAbove === null
            ? null
            : { value: failsAbove, label: `fails above ${formatGateValue(result.metric, failsAbove)}` }
        }
        height={160}
      />
      {spec.note ? <p className="field__help">{spec.note}</p> : null}
    </div>
  );
}

function FlameDiffLink({ comparison, profiles }: { comparison: GateComparison; profiles: ProfileList | null }) {
  if (profiles === null) return null;
  const pair = flameComparisonOf(profiles, comparison);
  if (pair) {
    return (
      <p>
        <Link to="/profiles/diff" search={{ base: pair.baseId, target: pair.targetId }} className="button">
          Compare flame graphs
        </Link>{" "}
        <span className="field__help">
          {pair.kind} profile of a baseline instance against one of a canary during the bake
        </span>
      </p>
    );
  }
  const canary = comparison.canaryIds[0];
  return (
    <p className="field__help">
      No stored profiles pair a canary with its baseline yet. Capture a CPU profile of a canary
      {canary ? (
        <>
          {" "}
          (
          <Link to="/profiles" search={{ instanceId: canary }}>
            {canary}
          </Link>
          )
        </>
      ) : null}{" "}
      and of a baseline instance
      {comparison.baselineKind === "before-change" ? " (from before the change)" : ""} to compare their flame graphs.
    </p>
  );
}
