import type { ChangePatch, RolloutProgress } from "@fleetdeck/core";
import { useEffect, useMemo, useState } from "react";
import { Panel } from "../../components/Panel.tsx";
import { formatClockTime } from "../../lib/format.ts";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { configInForce, type ObservedRuntimeConfig } from "../entities/config-in-force.ts";
import { patchKeys } from "./config-diff.ts";
import { GateResults } from "./GateResults.tsx";
import { observedAgreement } from "./observed-config.ts";
import { RolloutInstancesTable } from "./RolloutInstancesTable.tsx";
import { instanceRolloutRows, rolloutReach, stageViews } from "./rollout-view.ts";
import { StageTimeline } from "./StageTimeline.tsx";
import { StepsLog } from "./StepsLog.tsx";
import { type ChangeView, useTargetService } from "./use-changes.ts";

interface RolloutPanelProps {
  change: ChangeView;
  progress: RolloutProgress;
  fleetNowMs: number | null;
}

/**
 * A started change's rollout: the stage timeline moving live, what the controller is doing, each
 * instance's told and reported config, the gates with their charts, and the controller's steps.
 */
export function RolloutPanel({ change, progress, fleetNowMs }: RolloutPanelProps) {
  const rows = instanceRolloutRows(progress);
  const [lagging, setLagging] = useState(false);
  // Polled fast while the rollout moves, and after it stops until every instance reports what it was told.
  const moving = change.state === "rolling" || change.state === "rolling_back" || lagging;
  const service = useTargetService(change.content.target.serviceId, { moving, version: change.version });
  const observed = useMemo(() => {
    if (!service.data) return null;
    const byId = new Map<string, ObservedRuntimeConfig>();
    for (const row of service.data.instances) byId.set(row.instance.id, configInForce(row.instance, row.sample));
    return byId;
  }, [service.data]);

  const stages = stageViews(progress);
  const reach = rolloutReach(progress);
  const current = stages.find((stage) => stage.current && stage.status === "converging");
  const keys = patchKeys(change.content.patch);
  const anyLagging =
    observed !== null &&
    rows.some((row) => observedAgreement(row.told, observed.get(row.instanceId) ?? null, keys) === "differs");
  useEffect(() => setLagging(anyLagging), [anyLagging]);
  const reporting =
    current && observed ? countReporting(current.instanceIds, rows, observed, change.content.patch) : null;

  return (
    <Panel title="Rollout" className="rollout">
      <div className="stack">
        <p className="rollout__summary">
          {progress.direction === "back" ? (
            <>
              <strong>{progress.phase === "done" ? "Rolled back" : "Rolling back"}</strong>
              {progress.rollbackReason ? `: ${progress.rollbackReason}` : ""}.{" "}
            </>
          ) : null}
          {reach.changed} of {reach.total} instances on the new config · started {formatDateTime(progress.startedAtMs)}
        </p>
        {progress.holdReason ? (
          <div className="banner banner--bad" role="alert">
            <span className="banner__tag">Held</span>
            <span>{progress.holdReason}</span>
          </div>
        ) : null}
        {change.activity ? (
          <p className="rollout__activity" role="status">
            Controller at {formatClockTime(change.activity.atMs)}:{" "}
            {change.activity.note ?? `recorded a ${change.activity.step} step`}
          </p>
        ) : null}
        <StageTimeline stages={stages} reporting={reporting} fleetNowMs={fleetNowMs} />
        <h3 className="rollout__heading">Gates</h3>
        <GateResults progress={progress} stages={stages} serviceId={change.content.target.serviceId} />
        <h3 className="rollout__heading">Instances</h3>
        {service.error && !service.data ? (
          <p className="field__help">What the instances report is unavailable: the metrics source did not answer.</p>
        ) : null}
        <RolloutInstancesTable rows={rows} patch={change.content.patch} observed={observed} />
        <StepsLog steps={change.steps} />
      </div>
    </Panel>
  );
}

function countReporting(
  ids: readonly string[],
  rows: ReturnType<typeof instanceRolloutRows>,
  observed: ReadonlyMap<string, ObservedRuntimeConfig>,
  patch: ChangePatch,
): number | null {
  const keys = patchKeys(patch);
  const told = new Map(rows.map((row) => [row.instanceId, row.told]));
  const agreements = ids.map((id) => observedAgreement(told.get(id) ?? null, observed.get(id) ?? null, keys));
  if (agreements.every((a) => a === "unknown")) return null;
  return agreements.filter((a) => a === "matches").length;
}
