import type { ChangePolicyEvaluation, GcOutlook, InstanceChangePrediction, PolicyViolation } from "@fleetdeck/core";
import { Link } from "@tanstack/react-router";
import type { Column } from "../../components/DataTable.tsx";
import { ExpandableDataTable } from "../../components/ExpandableDataTable.tsx";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { Panel } from "../../components/Panel.tsx";
import { StatGrid } from "../../components/StatCard.tsx";
import { formatBytes, formatPercent, formatRate, formatSeconds } from "../../lib/format.ts";
import { errorMessage } from "../../lib/trpc-errors.ts";
import { predictionStats } from "./prediction-summary.ts";
import type { ChangePreview } from "./use-changes.ts";

/** Rows the per-instance table shows before "Show all". */
const firstRows = 25;

interface PredictionPanelProps {
  preview: { data: ChangePreview | undefined; error: unknown; isFetching: boolean };
  /** Why there is nothing to predict yet (the form is incomplete); null when the preview can run. */
  waitingFor?: string | null;
}

/**
 * What the GC model predicts the change does, per instance and summed over the service, with the
 * risk it carries and every policy rule it breaks: what the author tunes against and the approver
 * reviews.
 */
export function PredictionPanel({ preview, waitingFor = null }: PredictionPanelProps) {
  const { data, error, isFetching } = preview;
  return (
    <Panel
      title="Predicted effect"
      className="prediction"
      actions={
        isFetching ? (
          <span className="text-muted" role="status">
            Predicting…
          </span>
        ) : null
      }
    >
      {waitingFor !== null ? (
        <p className="state">{waitingFor}</p>
      ) : error && !data ? (
        <div className="state state--error" role="alert">
          Could not predict the change: {errorMessage(error)}
        </div>
      ) : !data ? (
        <p className="state state--loading" role="status">
          Predicting the change…
        </p>
      ) : (
        <PredictionView preview={data} />
      )}
    </Panel>
  );
}

function PredictionView({ preview }: { preview: ChangePreview }) {
  const { evaluation } = preview;
  return (
    <div className="stack">
      {!preview.canActuate ? (
        <div className="banner banner--warn" role="note">
          Source “{preview.sourceId}” cannot apply config changes (no config centre): this change can be reviewed but
          its rollout cannot start.
        </div>
      ) : null}
      <StatGrid stats={predictionStats(evaluation)} label="Predicted effect over the service" />
      <RiskSummary evaluation={evaluation} />
      <Violations violations={evaluation.violations} />
      <InstancePredictions instances={evaluation.prediction.instances} />
    </div>
  );
}

function RiskSummary({ evaluation }: { evaluation: ChangePolicyEvaluation }) {
  const { risk } = evaluation;
  const approvals = `${risk.approvalsRequired} ${risk.approvalsRequired === 1 ? "approval" : "approvals"}`;
  return (
    <section className="risk" aria-label="Risk">
      <p className="risk__line">
        <span>Risk</span>
        <StatusBadge tone={risk.risk === "high" ? "bad" : "good"}>
          {risk.risk === "high" ? "High" : "Normal"}
        </StatusBadge>
        <span>
          needs <strong>{approvals}</strong>
        </span>
      </p>
      {risk.reasons.length > 0 ? (
        <ul className="issues">
          {risk.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Violations({ violations }: { violations: readonly PolicyViolation[] }) {
  if (violations.length === 0) {
    return <p className="policy-ok">No policy rule is broken.</p>;
  }
  return (
    <ul className="violations" aria-label="Policy findings">
      {violations.map((violation) => (
        <li key={`${violation.rule}:${violation.message}`} className={`violation violation--${violation.severity}`}>
          <StatusBadge tone={violation.severity === "block" ? "bad" : "warn"}>
            {violation.severity === "block" ? "Blocks" : "Warning"}
          </StatusBadge>
          <span className="violation__message">{violation.message}</span>
          {violation.instanceIds.length > 0 ? (
            <details className="violation__instances">
              <summary>
                {violation.instanceIds.length} {violation.instanceIds.length === 1 ? "instance" : "instances"}
              </summary>
              <ul className="chip-list">
                {violation.instanceIds.map((id) => (
                  <li key={id}>
                    <Link to="/instances/$instanceId" params={{ instanceId: id }} className="chip mono">
                      {id}
                    </Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

type Outlooks = { before: GcOutlook; after: GcOutlook } | null;
const outlooksOf = (row: InstanceChangePrediction): Outlooks =>
  row.kind === "predicted" ? { before: row.before, after: row.after } : null;

function beforeAfter(row: InstanceChangePrediction, format: (outlook: GcOutlook) => string) {
  const outlooks = outlooksOf(row);
  if (!outlooks) return <span className="text-muted">no data</span>;
  const before = format(outlooks.before);
  const after = format(outlooks.after);
  return before === after ? (
    <span>{after}</span>
  ) : (
    <span className="before-after">
      <span>{after}</span>
      <span className="before-after__was">was {before}</span>
    </span>
  );
}

/** Headroom as a share of the memory limit, as the 15 % rule reads it. */
const headroom = (outlook: GcOutlook) =>
  outlook.headroomRatio === null ? "no limit" : formatPercent(outlook.headroomRatio);

const instanceColumns: readonly Column<InstanceChangePrediction>[] = [
  {
    header: "Instance",
    rowHeader: true,
    cell: (row) => (
      <>
        <Link to="/instances/$instanceId" params={{ instanceId: row.instanceId }} className="mono">
          {row.instanceId}
        </Link>
        {row.kind === "no_data" ? <span className="prediction__no-data">no data: {row.reason}</span> : null}
      </>
    ),
  },
  { header: "Heap goal", numeric: true, cell: (row) => beforeAfter(row, (o) => formatBytes(o.heapGoalBytes)) },
  { header: "GC cycles/s", numeric: true, cell: (row) => beforeAfter(row, (o) => formatRate(o.gcCyclesPerSecond)) },
  { header: "GC CPU", numeric: true, cell: (row) => beforeAfter(row, (o) => formatPercent(o.gcCpuFraction)) },
  { header: "Pause p99", numeric: true, cell: (row) => beforeAfter(row, (o) => formatSeconds(o.pauseP99Seconds)) },
  { header: "Headroom", numeric: true, cell: (row) => beforeAfter(row, headroom) },
];

function InstancePredictions({ instances }: { instances: readonly InstanceChangePrediction[] }) {
  return (
    <ExpandableDataTable
      label="Predicted effect per instance"
      caption="Each target instance after the change, and what it runs at now"
      columns={instanceColumns}
      rows={instances}
      rowKey={(row) => row.instanceId}
      emptyText="The target selects no instance."
      firstRows={firstRows}
      noun="instances"
    />
  );
}
