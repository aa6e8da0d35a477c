import { applyDesiredPatch } from "../changes/change-patch.ts";
import type { ChangePatch, DesiredConfig, GateSpec, RolloutPlan } from "../changes/change-request.ts";
import type { GateEvaluation } from "./gate-evaluation.ts";
import { planBatches, type RolloutBatch, type RolloutTargetInstance } from "./rollout-batches.ts";

export type RolloutPhase = "apply" | "converge" | "bake" | "gate" | "done";
export type RolloutDirection = "forward" | "back";

/**
 * One instance's config as the control plane holds it. The same shape as the actuators'
 * InstanceConfigState, which core cannot import.
 */
export interface InstanceConfigReading {
  instanceId: string;
  /** What the instance is told to run; null when nothing was ever set for it. */
  desired: DesiredConfig | null;
  /** What it reports it applied; null when it has not reported. */
  observed: DesiredConfig | null;
  observedAtMs: number | null;
}

/** A stage's gate verdict as stored, with the windows it looked at. */
export interface StageGateRecord extends GateEvaluation {
  evaluatedAtMs: number;
  windowStartMs: number;
  windowEndMs: number;
}

/**
 * Everything the controller knows about a rollout, stored as plain JSON after every step: the
 * controller keeps no other state, so any process can resume it (as Argo Rollouts resumes from a
 * rollout's status).
 */
export interface RolloutProgress {
  startedAtMs: number;
  /** The stage being worked on; equals batches.length once every stage passed. */
  stageIndex: number;
  phase: RolloutPhase;
  /** When the current phase began: the convergence timeout counts from here. */
  phaseStartedAtMs: number;
  bakeStartedAtMs: number | null;
  /** Fixed when the stage converged; nothing recomputes it, so a restart never shortens a bake. */
  bakeUntilMs: number | null;
  /** Number of steps recorded; every step carries the seq it was computed from. */
  seq: number;
  /** The target instances and the plan resolved against them at start, frozen. */
  targets: RolloutTargetInstance[];
  batches: RolloutBatch[];
  gates: GateSpec[];
  convergenceTimeoutSeconds: number;
  /** The new config of every target instance (its config at start plus the patch). */
  desired: Record<string, DesiredConfig>;
  /** The desired config each target instance held at start; null when none was set. */
  previous: Record<string, DesiredConfig | null>;
  /**
   * What a rollback writes: previous, or for an instance without a desired config the config it
   * reported at start — the control plane cannot un-set a key, so the instance is told explicitly
   * to keep running what it ran before.
   */
  restore: Record<string, DesiredConfig>;
  /** When each stage began (before any of its writes); null for stages not reached. */
  stageStartedAtMs: (number | null)[];
  gateResults: (StageGateRecord | null)[];
  /** Why the rollout waits for a person (drift, convergence timeout, inconclusive gates); null when it does not. */
  holdReason: string | null;
  direction: RolloutDirection;
  rollbackReason: string | null;
}

/** Target instances whose config cannot be known: they have no desired config and never reported. */
export class RolloutStartError extends Error {
  constructor(readonly instanceIds: readonly string[]) {
    super(
      `cannot start the rollout: ${instanceIds.join(", ")} ${instanceIds.length === 1 ? "has" : "have"} no desired config and never reported one`,
    );
    this.name = "RolloutStartError";
  }
}

/**
 * Freezes a rollout's batches and per-instance configs. `currentConfigs` is the actuator's read
 * of the target instances just before the start; each instance's new config is its desired
 * config (else the one it reports) with the patch applied.
 */
export function startRollout(
  plan: RolloutPlan,
  instances: readonly RolloutTargetInstance[],
  currentConfigs: readonly InstanceConfigReading[],
  patch: ChangePatch,
  nowMs: number,
): RolloutProgress {
  const readings = new Map(currentConfigs.map((reading) => [reading.instanceId, reading]));
  const desired: Record<string, DesiredConfig> = {};
  const previous: Record<string, DesiredConfig | null> = {};
  const restore: Record<string, DesiredConfig> = {};
  const unknown: string[] = [];
  for (const { id } of instances) {
    const reading = readings.get(id);
    const current = reading?.desired ?? reading?.observed ?? null;
    if (!reading || current === null) {
      unknown.push(id);
      continue;
    }
    desired[id] = applyDesiredPatch(current, patch);
    previous[id] = reading.desired;
    restore[id] = current;
  }
  if (unknown.length > 0) throw new RolloutStartError(unknown);

  const batches = planBatches(plan, instances);
  return {
    startedAtMs: nowMs,
    stageIndex: 0,
    phase: "apply",
    phaseStartedAtMs: nowMs,
    bakeStartedAtMs: null,
    bakeUntilMs: null,
    seq: 0,
    targets: instances.map(({ id, regionId, clusterId }) => ({ id, regionId, clusterId })),
    batches,
    gates: plan.gates.map((gate) => ({ ...gate })),
    convergenceTimeoutSeconds: plan.convergenceTimeoutSeconds,
    desired,
    previous,
    restore,
    stageStartedAtMs: batches.map((_, index) => (index === 0 ? nowMs : null)),
    gateResults: batches.map(() => null),
    holdReason: null,
    direction: "forward",
    rollbackReason: null,
  };
}

/**
 * Turns the rollout around: from now on reconcileRollout restores every instance it changed. Needs no
 * approval and clears any hold, since rollback is never blocked. Beginning a rollback that already
 * began changes nothing, so a repeated abort is harmless.
 */
export function beginRollback(progress: RolloutProgress, reason: string, nowMs: number): RolloutProgress {
  if (progress.direction === "back") return progress;
  return {
    ...progress,
    direction: "back",
    phase: "apply",
    phaseStartedAtMs: nowMs,
    holdReason: null,
    rollbackReason: reason,
    seq: progress.seq + 1,
  };
}

/** An operator's pause: the rollout waits until resumed. Holding a held rollout keeps the first reason. */
export function holdRollout(progress: RolloutProgress, reason: string): RolloutProgress {
  if (progress.holdReason !== null || progress.phase === "done" || progress.direction === "back") return progress;
  return { ...progress, holdReason: reason, seq: progress.seq + 1 };
}

/**
 * Lifts a hold. The phase clock restarts, so instances that were slow to converge get a new
 * timeout; a held gate verdict is evaluated again over the same window; drift holds again at once
 * unless someone put the config back.
 */
export function resumeRollout(progress: RolloutProgress, nowMs: number): RolloutProgress {
  if (progress.holdReason === null) return progress;
  return { ...progress, holdReason: null, phaseStartedAtMs: nowMs, seq: progress.seq + 1 };
}
