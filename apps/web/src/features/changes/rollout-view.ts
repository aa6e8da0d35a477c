import type { DesiredConfig, RolloutProgress, StageGateRecord } from "@fleetdeck/core";

export type StageStatus =
  | "pending"
  | "applying"
  | "converging"
  | "baking"
  | "gates"
  | "passed"
  | "skipped"
  | "failed"
  | "rolling back"
  | "rolled back"
  | "not reached";

/** One stage of a rollout as its timeline shows it. */
export interface StageView {
  index: number;
  name: string;
  regionId: string | null;
  /** Instances this stage changes (earlier stages' are not counted again). */
  instanceIds: readonly string[];
  /** Target instances on the new config once this stage is applied. */
  cumulativeCount: number;
  targetCount: number;
  bakeSeconds: number;
  status: StageStatus;
  /** The stage the controller works on now (forward), or the one it turned around at (back). */
  current: boolean;
  /** The controller waits for a person here. */
  held: boolean;
  bakeStartedAtMs: number | null;
  bakeUntilMs: number | null;
  startedAtMs: number | null;
  gate: StageGateRecord | null;
  /** Why a stage changes nothing, when it does not. */
  note: string | null;
}

/** Where each stage of a rollout stands, from its stored progress alone. */
export function stageViews(progress: RolloutProgress): StageView[] {
  const { stageIndex, phase, direction, holdReason } = progress;
  return progress.batches.map((batch, index) => {
    const gate = progress.gateResults[index] ?? null;
    const current = index === stageIndex && phase !== "done";
    return {
      index,
      name: batch.name,
      regionId: batch.regionId,
      instanceIds: batch.instanceIds,
      cumulativeCount: batch.cumulativeCount,
      targetCount: progress.targets.length,
      bakeSeconds: batch.bakeSeconds,
      status: stageStatus(progress, index),
      current: current || (direction === "back" && index === Math.min(stageIndex, progress.batches.length - 1)),
      held: current && holdReason !== null,
      bakeStartedAtMs: index === stageIndex ? progress.bakeStartedAtMs : (gate?.windowStartMs ?? null),
      bakeUntilMs: index === stageIndex ? progress.bakeUntilMs : (gate?.windowEndMs ?? null),
      startedAtMs: progress.stageStartedAtMs[index] ?? null,
      gate,
      note: batch.note,
    };
  });
}

function stageStatus(progress: RolloutProgress, index: number): StageStatus {
  const { stageIndex, phase, direction } = progress;
  const gate = progress.gateResults[index] ?? null;
  if (direction === "back") {
    if (index > stageIndex) return "not reached";
    if (gate?.verdict === "fail") return "failed";
    return phase === "done" ? "rolled back" : "rolling back";
  }
  if (index < stageIndex) return gate ? "passed" : "skipped";
  if (index > stageIndex) return "pending";
  switch (phase) {
    case "apply":
      return "applying";
    case "converge":
      return "converging";
    case "bake":
      return "baking";
    case "gate":
      return "gates";
    case "done":
      return "passed";
  }
}

/** How far a rollout is, in instances: "3 of 8 instances on the new config". */
export function rolloutReach(progress: RolloutProgress): { changed: number; total: number } {
  const total = progress.targets.length;
  if (progress.direction === "back")
    return { changed: progress.phase === "done" ? 0 : writtenIds(progress).length, total };
  return { changed: writtenIds(progress).length, total };
}

/** Instances the rollout has written its config to (forward), by the stored progress. */
function writtenIds(progress: RolloutProgress): string[] {
  return progress.batches.flatMap((batch, index) =>
    index < progress.stageIndex || (index === progress.stageIndex && progress.phase !== "apply")
      ? batch.instanceIds
      : [],
  );
}

export type InstanceRolloutStatus = "not reached" | "being written" | "new config" | "restoring" | "restored";

/** One target instance in a rollout: where it runs, which stage changes it, what it should run now. */
export interface InstanceRolloutRow {
  instanceId: string;
  regionId: string;
  clusterId: string;
  /** The stage that changes it; null when no stage does (left out by the plan's sizes). */
  stageIndex: number | null;
  status: InstanceRolloutStatus;
  /** What it ran before the change (what a rollback writes). */
  before: DesiredConfig | null;
  /** What the rollout has told it to run by now. */
  told: DesiredConfig | null;
}

/** Every target instance of a rollout with what the rollout wants of it now, by stage order. */
export function instanceRolloutRows(progress: RolloutProgress): InstanceRolloutRow[] {
  const stageOf = new Map<string, number>();
  for (const batch of progress.batches) for (const id of batch.instanceIds) stageOf.set(id, batch.stageIndex);
  const written = new Set(writtenIds(progress));
  const rows = progress.targets.map((target): InstanceRolloutRow => {
    const stageIndex = stageOf.get(target.id) ?? null;
    const before = progress.restore[target.id] ?? null;
    const reached = stageIndex !== null && stageIndex <= progress.stageIndex;
    let status: InstanceRolloutStatus;
    let told: DesiredConfig | null;
    if (progress.direction === "back") {
      status = reached ? (progress.phase === "done" ? "restored" : "restoring") : "not reached";
      told = before;
    } else if (written.has(target.id)) {
      status = "new config";
      told = progress.desired[target.id] ?? null;
    } else if (reached) {
      status = "being written";
      told = progress.desired[target.id] ?? null;
    } else {
      status = "not reached";
      told = before;
    }
    return {
      instanceId: target.id,
      regionId: target.regionId,
      clusterId: target.clusterId,
      stageIndex,
      status,
      before,
      told,
    };
  });
  const order = (row: InstanceRolloutRow) => row.stageIndex ?? Number.MAX_SAFE_INTEGER;
  return rows.sort((a, b) => order(a) - order(b) || a.instanceId.localeCompare(b.instanceId));
}

/** What a stage's gates compared: the same instances and windows the controller read. */
export interface GateComparison {
  canaryIds: string[];
  baselineIds: string[];
  /** "before-change": no unchanged instance was left, so the baseline is the canaries before their change. */
  baselineKind: "unchanged-instances" | "before-change";
  windowStartMs: number;
  windowEndMs: number;
  baselineWindowStartMs: number;
  baselineWindowEndMs: number;
}

/**
 * The canary and baseline a stage's gate record was computed from. The record keeps only the
 * canary window; the rest follows from the frozen batches the way the controller chose them:
 * canaries are the scope's instances changed up to this stage, the baseline its unchanged ones,
 * or when none are left the canaries over an equally long window ending where their first stage began.
 */
export function gateComparisonOf(progress: RolloutProgress, stageIndex: number): GateComparison | null {
  const batch = progress.batches[stageIndex];
  const gate = progress.gateResults[stageIndex];
  if (!batch || !gate) return null;
  const changedBy = new Map<string, number>();
  for (const earlier of progress.batches.slice(0, stageIndex + 1)) {
    for (const id of earlier.instanceIds) changedBy.set(id, earlier.stageIndex);
  }
  const scopeIds = progress.targets
    .filter((t) => batch.regionId === null || t.regionId === batch.regionId)
    .map((t) => t.id)
    .sort();
  const canaryIds = scopeIds.filter((id) => changedBy.has(id));
  const unchangedIds = scopeIds.filter((id) => !changedBy.has(id));
  const { windowStartMs, windowEndMs } = gate;
  if (unchangedIds.length > 0) {
    return {
      canaryIds,
      baselineIds: unchangedIds,
      baselineKind: "unchanged-instances",
      windowStartMs,
      windowEndMs,
      baselineWindowStartMs: windowStartMs,
      baselineWindowEndMs: windowEndMs,
    };
  }
  const firstStage = Math.min(...canaryIds.map((id) => changedBy.get(id) ?? stageIndex));
  const changedAtMs = progress.stageStartedAtMs[firstStage] ?? progress.startedAtMs;
  return {
    canaryIds,
    baselineIds: canaryIds,
    baselineKind: "before-change",
    windowStartMs,
    windowEndMs,
    baselineWindowStartMs: changedAtMs - (windowEndMs - windowStartMs),
    baselineWindowEndMs: changedAtMs,
  };
}
