import type { ChangePatch } from "@fleetdeck/core";
import { Link } from "@tanstack/react-router";
import type { Column } from "../../components/DataTable.tsx";
import { ExpandableDataTable } from "../../components/ExpandableDataTable.tsx";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import type { ObservedRuntimeConfig } from "../entities/config-in-force.ts";
import { type ConfigKey, configKeyLabel, configValueOf, formatConfigValue, patchKeys } from "./config-diff.ts";
import { isObservable, observedAgreement } from "./observed-config.ts";
import type { InstanceRolloutRow } from "./rollout-view.ts";

/** Rows shown before "Show all": the canaries and the first stages come first. */
const firstRows = 30;

interface RolloutInstancesTableProps {
  rows: readonly InstanceRolloutRow[];
  patch: ChangePatch;
  /** What each instance reports it runs, by id; absent while the metrics source has not answered. */
  observed: ReadonlyMap<string, ObservedRuntimeConfig> | null;
}

type Row = InstanceRolloutRow & { observed: ObservedRuntimeConfig | null };

/**
 * Per instance: the stage that changes it, what the rollout has told it to run by now, and what it
 * reports running (its metrics source's view), key by key for what the change sets.
 */
export function RolloutInstancesTable({ rows, patch, observed }: RolloutInstancesTableProps) {
  const keys = patchKeys(patch);
  const withObserved: Row[] = rows.map((row) => ({
    ...row,
    observed: observed?.get(row.instanceId) ?? null,
  }));
  const columns: Column<Row>[] = [
    {
      header: "Instance",
      rowHeader: true,
      cell: (row) => (
        <Link to="/instances/$instanceId" params={{ instanceId: row.instanceId }} className="mono">
          {row.instanceId}
        </Link>
      ),
    },
    { header: "Region", cell: (row) => row.regionId },
    { header: "Stage", numeric: true, cell: (row) => (row.stageIndex === null ? "—" : row.stageIndex + 1) },
    { header: "Rollout", cell: (row) => row.status },
    ...keys.map(
      (key): Column<Row> => ({ header: configKeyLabel(key), cell: (row) => <KeyCell row={row} configKey={key} /> }),
    ),
    {
      header: "Reports",
      cell: (row) => {
        const agreement = observedAgreement(row.told, row.observed, keys);
        if (agreement === "unknown") return <StatusBadge tone="neutral">unknown</StatusBadge>;
        return agreement === "matches" ? (
          <StatusBadge tone="good">as told</StatusBadge>
        ) : (
          <StatusBadge tone="warn">not yet</StatusBadge>
        );
      },
    },
  ];
  return (
    <ExpandableDataTable
      label="Instances in the rollout"
      caption="Told: what the rollout has written by now · runs: what the instance reports"
      columns={columns}
      rows={withObserved}
      rowKey={(row) => row.instanceId}
      emptyText="The rollout has no instances."
      firstRows={firstRows}
      noun="instances"
    />
  );
}

function KeyCell({ row, configKey }: { row: Row; configKey: ConfigKey }) {
  const told = row.told === null ? "unknown" : formatConfigValue(configKey, configValueOf(row.told, configKey));
  const runs = !isObservable(configKey)
    ? "not reported"
    : row.observed === null
      ? "no data"
      : observedText(configKey, configValueOf(row.observed, configKey));
  return (
    <span className="told-runs">
      <span>told {told}</span>
      <span className="text-muted">runs {runs}</span>
    </span>
  );
}

/** A null GOMEMLIMIT means none is set; any other null means the source did not see the setting. */
function observedText(key: ConfigKey, value: unknown): string {
  return formatConfigValue(key, value === null && key !== "memoryLimitBytes" ? undefined : value);
}
