import { compareIds } from "./id-order.ts";
import type { InstanceConfigReading, RolloutProgress } from "./rollout-progress.ts";
import type { RolloutStep, RolloutWrite } from "./rollout-step.ts";
import { sameDesiredConfig } from "./same-desired-config.ts";

/** What the controller reads before each step: the actuator's configs of the target instances. */
export interface RolloutObservations {
  configs: readonly InstanceConfigReading[];
}

type Readings = ReadonlyMap<string, InstanceConfigReading>;

/**
 * The controller's next step: a pure function of the stored progress, what the control plane
 * holds now and the time. Nothing else is consulted, so after a crash between a step's side
 * effect and its advance, reconciling the same progress yields the same step again — an apply
 * with the very same writes, which the actuator treats as a no-op because the configs are already
 * desired — and advancing it then records the step once.
 *
 * Forward, each stage goes apply → converge (until its instances report the new config, or hold
 * at the convergence timeout) → bake (until bakeUntilMs) → gates (pass: next stage; fail: roll
 * back; inconclusive: hold). Before every step it checks that each target instance's desired
 * config is what this rollout wrote, or what it found for instances not written yet; anything
 * else was changed underneath and holds the rollout. Backward, see reconcileRollback.
 */
export function reconcileRollout(
  progress: RolloutProgress,
  observations: RolloutObservations,
  nowMs: number,
): RolloutStep {
  const { seq } = progress;
  if (progress.phase === "done") {
    const reason = progress.direction === "back" ? "the rollout was rolled back" : "the rollout is complete";
    return { kind: "wait", seq, untilMs: null, reason };
  }
  const readings: Readings = new Map(observations.configs.map((reading) => [reading.instanceId, reading]));
  const unread = targetIds(progress).filter((id) => !readings.has(id));
  if (unread.length > 0) {
    return { kind: "wait", seq, untilMs: null, reason: `the actuator did not report the config of ${listIds(unread)}` };
  }
  if (progress.direction === "back") return reconcileRollback(progress, readings, nowMs);
  if (progress.holdReason !== null) {
    return { kind: "wait", seq, untilMs: null, reason: `held: ${progress.holdReason}` };
  }

  const drifted = driftedInstances(progress, readings);
  if (drifted.length > 0) {
    return {
      kind: "hold",
      seq,
      reason: `config changed underneath: the desired config of ${listIds(drifted)} is neither what this rollout wrote nor what it found; put it back and resume, or roll back`,
    };
  }
  const batch = progress.batches[progress.stageIndex];
  if (!batch) return { kind: "complete", seq };

  switch (progress.phase) {
    case "apply": {
      if (batch.instanceIds.length === 0) {
        return { kind: "skipStage", seq, stageIndex: batch.stageIndex, reason: batch.note ?? "nothing to change" };
      }
      const writes: RolloutWrite[] = batch.instanceIds.map((instanceId) => ({
        instanceId,
        config: progress.desired[instanceId]!,
        expected: progress.previous[instanceId] ?? null,
      }));
      return { kind: "apply", seq, direction: "forward", stageIndex: batch.stageIndex, writes };
    }
    case "converge": {
      const pending = batch.instanceIds.filter(
        (id) => !sameDesiredConfig(readings.get(id)?.observed ?? null, progress.desired[id] ?? null),
      );
      if (pending.length === 0) {
        const bakeUntilMs = nowMs + batch.bakeSeconds * 1000;
        return { kind: "startBake", seq, stageIndex: batch.stageIndex, convergedAtMs: nowMs, bakeUntilMs };
      }
      const deadlineMs = progress.phaseStartedAtMs + progress.convergenceTimeoutSeconds * 1000;
      if (nowMs >= deadlineMs) {
        return {
          kind: "hold",
          seq,
          reason: `${listIds(pending)} did not report the new config within ${progress.convergenceTimeoutSeconds} s`,
        };
      }
      return {
        kind: "wait",
        seq,
        untilMs: deadlineMs,
        reason: `${stageLabel(progress)}: waiting for ${pending.length} of ${batch.instanceIds.length} instances to report the new config`,
      };
    }
    case "bake": {
      const bakeUntilMs = progress.bakeUntilMs ?? nowMs;
      if (nowMs < bakeUntilMs) {
        return { kind: "wait", seq, untilMs: bakeUntilMs, reason: `${stageLabel(progress)}: baking` };
      }
      return gateStep(progress);
    }
    case "gate":
      return gateStep(progress);
  }
}

/**
 * Backward: every instance this rollout may have written and that still holds the rollout's
 * config gets its restore config, in one apply (expected: the rollout's config, so a change made
 * since is refused, not overwritten). Until that apply is recorded, instances already holding their
 * restore config are written too (a no-op): after a crash between the writes and their record, the
 * same apply is taken again and recorded, instead of an unrecorded one. Then it waits for them to
 * report it; a slow instance makes it wait with a reason, never hold, since rollback is never
 * blocked. Instances someone changed underneath are left alone and named when the rollback is done.
 */
function reconcileRollback(progress: RolloutProgress, readings: Readings, nowMs: number): RolloutStep {
  const { seq } = progress;
  const changedIds = touchedIds(progress).filter(
    (id) => !sameDesiredConfig(progress.desired[id] ?? null, progress.restore[id] ?? null),
  );
  const held = (id: string) => readings.get(id)?.desired ?? null;
  const writes: RolloutWrite[] = changedIds
    .filter(
      (id) =>
        sameDesiredConfig(held(id), progress.desired[id] ?? null) ||
        (progress.phase === "apply" && sameDesiredConfig(held(id), progress.restore[id] ?? null)),
    )
    .map((instanceId) => ({
      instanceId,
      config: progress.restore[instanceId]!,
      expected: progress.desired[instanceId]!,
    }));
  if (writes.length > 0) {
    return { kind: "apply", seq, direction: "back", stageIndex: progress.stageIndex, writes };
  }

  const restoredIds = changedIds.filter((id) => sameDesiredConfig(held(id), progress.restore[id] ?? null));
  const leftAloneIds = changedIds.filter(
    (id) => !restoredIds.includes(id) && !sameDesiredConfig(held(id), progress.previous[id] ?? null),
  );
  const pending = restoredIds.filter(
    (id) => !sameDesiredConfig(readings.get(id)?.observed ?? null, progress.restore[id] ?? null),
  );
  if (pending.length === 0) return { kind: "rollbackDone", seq, restoredIds, leftAloneIds };

  const deadlineMs = progress.phaseStartedAtMs + progress.convergenceTimeoutSeconds * 1000;
  return nowMs < deadlineMs
    ? {
        kind: "wait",
        seq,
        untilMs: deadlineMs,
        reason: `rolling back: waiting for ${pending.length} of ${restoredIds.length} instances to report their earlier config`,
      }
    : {
        kind: "wait",
        seq,
        untilMs: null,
        reason: `rolling back: ${listIds(pending)} still do not report their earlier config after ${progress.convergenceTimeoutSeconds} s; check those instances`,
      };
}

/**
 * The unchanged instances in the canaries' own regions when there are any, else all of them: a
 * region's traffic has its own daily shape, so a canary at its region's peak compared with
 * instances past theirs would fail for the hour, not for the change.
 */
function sameRegionsFirst(
  targets: RolloutProgress["targets"],
  canaryIds: readonly string[],
  unchangedIds: readonly string[],
): string[] {
  const regionOf = new Map(targets.map((t) => [t.id, t.regionId]));
  const canaryRegions = new Set(canaryIds.map((id) => regionOf.get(id)));
  const sameRegion = unchangedIds.filter((id) => canaryRegions.has(regionOf.get(id)));
  return sameRegion.length > 0 ? sameRegion : [...unchangedIds];
}

/**
 * Canary: the scope's instances changed so far; baseline: the scope's unchanged ones in the
 * canaries' regions (all the unchanged ones when those regions have none) over the same window,
 * or when there are none, the canary instances over an equally long window that
 * ends when the first stage writing any of them began.
 */
function gateStep(progress: RolloutProgress): RolloutStep {
  const batch = progress.batches[progress.stageIndex]!;
  const windowEndMs = progress.bakeUntilMs ?? progress.phaseStartedAtMs;
  const windowStartMs = progress.bakeStartedAtMs ?? windowEndMs;
  const changedBy = new Map<string, number>();
  for (const earlier of progress.batches.slice(0, progress.stageIndex + 1)) {
    for (const id of earlier.instanceIds) changedBy.set(id, earlier.stageIndex);
  }
  const scopeIds = progress.targets
    .filter((t) => batch.regionId === null || t.regionId === batch.regionId)
    .map((t) => t.id)
    .sort(compareIds);
  const canaryIds = scopeIds.filter((id) => changedBy.has(id));
  const unchangedIds = sameRegionsFirst(
    progress.targets,
    canaryIds,
    scopeIds.filter((id) => !changedBy.has(id)),
  );
  const common = { kind: "evaluateGates", seq: progress.seq, stageIndex: batch.stageIndex, canaryIds } as const;
  if (unchangedIds.length > 0) {
    return {
      ...common,
      baselineIds: unchangedIds,
      baselineKind: "unchanged-instances",
      windowStartMs,
      windowEndMs,
      baselineWindowStartMs: windowStartMs,
      baselineWindowEndMs: windowEndMs,
    };
  }
  const firstStage = Math.min(...canaryIds.map((id) => changedBy.get(id)!));
  const beforeChangeEndMs = progress.stageStartedAtMs[firstStage] ?? progress.startedAtMs;
  return {
    ...common,
    baselineIds: canaryIds,
    baselineKind: "before-change",
    windowStartMs,
    windowEndMs,
    baselineWindowStartMs: beforeChangeEndMs - (windowEndMs - windowStartMs),
    baselineWindowEndMs: beforeChangeEndMs,
  };
}

/**
 * Instances whose desired config is not what the rollout expects: its own config where it wrote,
 * what it found where it did not, either for the current stage before its apply is recorded (the
 * write may have happened just before a crash).
 */
function driftedInstances(progress: RolloutProgress, readings: Readings): string[] {
  const stageOf = stageOfInstances(progress);
  return targetIds(progress).filter((id) => {
    const held = readings.get(id)?.desired ?? null;
    const ours = sameDesiredConfig(held, progress.desired[id] ?? null);
    const found = sameDesiredConfig(held, progress.previous[id] ?? null);
    const stage = stageOf.get(id);
    if (stage === undefined || stage > progress.stageIndex) return !found;
    if (stage < progress.stageIndex || progress.phase !== "apply") return !ours;
    return !ours && !found;
  });
}

/** Instances of every stage reached so far, the current one included: what a rollback restores. */
function touchedIds(progress: RolloutProgress): string[] {
  return progress.batches
    .slice(0, progress.stageIndex + 1)
    .flatMap((batch) => batch.instanceIds)
    .sort(compareIds);
}

function stageOfInstances(progress: RolloutProgress): Map<string, number> {
  const stageOf = new Map<string, number>();
  for (const batch of progress.batches) for (const id of batch.instanceIds) stageOf.set(id, batch.stageIndex);
  return stageOf;
}

function targetIds(progress: RolloutProgress): string[] {
  return progress.targets.map((t) => t.id);
}

function stageLabel(progress: RolloutProgress): string {
  const batch = progress.batches[progress.stageIndex];
  return `stage ${progress.stageIndex + 1} of ${progress.batches.length}${batch ? ` (${batch.name})` : ""}`;
}

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(", ");
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}
