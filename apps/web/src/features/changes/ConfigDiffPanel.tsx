import { type ChangeContent, gateMetricInfo } from "@fleetdeck/core";
import { Link } from "@tanstack/react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { Panel } from "../../components/Panel.tsx";
import { type ConfigDiffRow, configDiffRows, type KnownConfig } from "./config-diff.ts";
import { formatRemaining } from "./fleet-clock.ts";

const columns: readonly Column<ConfigDiffRow>[] = [
  { header: "Setting", rowHeader: true, cell: (row) => row.label },
  { header: "Before", cell: (row) => <span className="diff__before mono">{row.before}</span> },
  {
    header: "After",
    cell: (row) => (
      <span className={row.changes ? "diff__after mono" : "mono"}>
        {row.after}
        {row.changes ? null : <span className="text-muted"> (already)</span>}
      </span>
    ),
  },
];

interface ConfigDiffPanelProps {
  content: ChangeContent;
  contentHash: string;
  /** What the target runs (or ran, once a rollout started); null while unknown. */
  current: readonly KnownConfig[] | null;
  /** Where "before" comes from, for the caption. */
  currentFrom: string;
}

/**
 * What the change does, as a reviewer reads a diff: each setting before and after, the target and
 * the plan, and what an approval binds to.
 */
export function ConfigDiffPanel({ content, contentHash, current, currentFrom }: ConfigDiffPanelProps) {
  const rows = configDiffRows(content.patch, current ?? []);
  const { plan, target } = content;
  return (
    <Panel title="What changes">
      <div className="stack">
        <DataTable
          label="Config diff"
          caption={current === null ? "Before: loading what the target runs…" : `Before: ${currentFrom}`}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.key}
          emptyText="The change sets nothing."
        />
        <dl className="facts">
          <div className="facts__item">
            <dt>Service</dt>
            <dd>
              <Link to="/services/$serviceId" params={{ serviceId: target.serviceId }} className="mono">
                {target.serviceId}
              </Link>
            </dd>
          </div>
          <div className="facts__item">
            <dt>Instances</dt>
            <dd className="mono">{target.selector === "" ? "every instance" : target.selector}</dd>
          </div>
          <div className="facts__item">
            <dt>Stages</dt>
            <dd>
              <ol className="plan-summary" aria-label="Planned stages">
                {plan.stages.map((stage, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a stage is its position in the plan.
                  <li key={index}>
                    {stage.name}:{" "}
                    {stage.size.kind === "instances"
                      ? `${stage.size.count} ${stage.size.count === 1 ? "instance" : "instances"}`
                      : `${stage.size.percent} %`}{" "}
                    of {stage.regionId ?? "the whole target"}, bake {formatRemaining(stage.bakeSeconds * 1000)}
                  </li>
                ))}
              </ol>
            </dd>
          </div>
          <div className="facts__item">
            <dt>Gates</dt>
            <dd>
              {plan.gates.length === 0
                ? "none"
                : plan.gates
                    .map((gate) => `${gateMetricInfo[gate.metric].label} +${Math.round(gate.maxIncrease * 100)} %`)
                    .join(" · ")}
            </dd>
          </div>
          <div className="facts__item">
            <dt>Convergence</dt>
            <dd>within {formatRemaining(plan.convergenceTimeoutSeconds * 1000)}</dd>
          </div>
          <div className="facts__item">
            <dt>Version</dt>
            <dd>
              <span className="mono" title={contentHash}>
                {contentHash.slice(0, 12)}
              </span>{" "}
              <span className="field__help">
                approvals bind to this hash of the title, description, settings, target and plan; any edit withdraws
                them
              </span>
            </dd>
          </div>
        </dl>
      </div>
    </Panel>
  );
}
