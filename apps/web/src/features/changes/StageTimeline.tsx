import { formatGateValue, gateMetricInfo } from "@fleetdeck/core";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import type { Tone } from "../../components/StatCard.tsx";
import { formatClockTime } from "../../lib/format.ts";
import { formatRemaining } from "./fleet-clock.ts";
import type { StageStatus, StageView } from "./rollout-view.ts";

const statusTones: Record<StageStatus, Tone> = {
  pending: "neutral",
  applying: "warn",
  converging: "warn",
  baking: "warn",
  gates: "warn",
  passed: "good",
  skipped: "neutral",
  failed: "bad",
  "rolling back": "bad",
  "rolled back": "neutral",
  "not reached": "neutral",
};

const statusLabels: Record<StageStatus, string> = {
  pending: "Pending",
  applying: "Applying",
  converging: "Converging",
  baking: "Baking",
  gates: "Gates held",
  passed: "Passed",
  skipped: "Skipped",
  failed: "Gates failed",
  "rolling back": "Rolling back",
  "rolled back": "Rolled back",
  "not reached": "Not reached",
};

interface StageTimelineProps {
  stages: readonly StageView[];
  /** Of the current stage's instances, how many report the new config (from the metrics source); null when unknown. */
  reporting: number | null;
  fleetNowMs: number | null;
}

/** The plan as a timeline: each stage's scope, size, where it stands, and its gates' verdict. */
export function StageTimeline({ stages, reporting, fleetNowMs }: StageTimelineProps) {
  return (
    <ol className="stage-timeline" aria-label="Rollout stages">
      {stages.map((stage) => (
        <li
          key={stage.index}
          className={`stage stage--${stage.status.replace(" ", "-")}${stage.current ? " stage--current" : ""}`}
          aria-current={stage.current ? "step" : undefined}
          aria-label={`Stage ${stage.index + 1}: ${stage.name}`}
        >
          <div className="stage__head">
            <span className="stage__number" aria-hidden="true">
              {stage.index + 1}
            </span>
            <span className="stage__name">{stage.name}</span>
            <StatusBadge tone={stage.held ? "bad" : statusTones[stage.status]}>
              {stage.held ? `${statusLabels[stage.status]} · held` : statusLabels[stage.status]}
            </StatusBadge>
          </div>
          <p className="stage__facts">
            {stage.regionId ?? "whole target"} · {stage.instanceIds.length}{" "}
            {stage.instanceIds.length === 1 ? "instance" : "instances"} · {stage.cumulativeCount} of {stage.targetCount}{" "}
            cumulative · bake {formatRemaining(stage.bakeSeconds * 1000)}
          </p>
          <StageProgress stage={stage} reporting={reporting} fleetNowMs={fleetNowMs} />
          {stage.gate ? (
            <ul className="stage__gates" aria-label={`Stage ${stage.index + 1} gates`}>
              {stage.gate.results.length === 0 ? <li>No gates: passed on converging.</li> : null}
              {stage.gate.results.map((result) => (
                <li key={result.metric}>
                  <StatusBadge tone={result.verdict === "pass" ? "good" : result.verdict === "fail" ? "bad" : "warn"}>
                    {result.verdict}
                  </StatusBadge>{" "}
                  {gateMetricInfo[result.metric].label}
                  {result.canary !== null && result.baseline !== null
                    ? `: ${formatGateValue(result.metric, result.baseline)} → ${formatGateValue(result.metric, result.canary)}`
                    : ""}
                </li>
              ))}
            </ul>
          ) : null}
          {stage.note && stage.status === "skipped" ? <p className="stage__note">{stage.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function StageProgress({
  stage,
  reporting,
  fleetNowMs,
}: {
  stage: StageView;
  reporting: number | null;
  fleetNowMs: number | null;
}) {
  switch (stage.status) {
    case "applying":
      return <p className="stage__progress">Writing the new config to {stage.instanceIds.length} instances…</p>;
    case "converging":
      return (
        <p className="stage__progress">
          {reporting === null
            ? "Waiting for the instances to report the new config"
            : `${reporting} of ${stage.instanceIds.length} report the new config`}
        </p>
      );
    case "baking": {
      if (stage.bakeUntilMs === null) return null;
      const left = fleetNowMs === null ? null : stage.bakeUntilMs - fleetNowMs;
      return (
        <p className="stage__progress">
          Baking until {formatClockTime(stage.bakeUntilMs)}
          {left !== null && left > 0 ? ` (${formatRemaining(left)} left)` : " (gates next)"}
        </p>
      );
    }
    case "gates":
      return <p className="stage__progress">Gates were inconclusive: the rollout waits for a person.</p>;
    case "passed":
      return stage.bakeUntilMs !== null ? (
        <p className="stage__progress">Baked until {formatClockTime(stage.bakeUntilMs)}</p>
      ) : null;
    default:
      return null;
  }
}
