import type { RolloutProgress } from "./rollout-progress.ts";
import type { RolloutStep, RolloutStepOutcome } from "./rollout-step.ts";

/** A step computed from another progress than the one it is applied to: it was recorded already, or is stale. */
export class StaleRolloutStepError extends Error {
  constructor(stepSeq: number, progressSeq: number) {
    super(`rollout step ${stepSeq} does not follow the stored progress (seq ${progressSeq}); reconcile again`);
    this.name = "StaleRolloutStepError";
  }
}

/**
 * The progress to store once a step's side effect is done. Each recorded step adds one to seq,
 * and a step only applies to the progress it was computed from, so storing it twice is refused
 * (StaleRolloutStepError). A wait is not a step: the progress comes back unchanged. Values are
 * taken from the step, not the clock, where a replay must not move them (bakeUntilMs); nowMs
 * stamps only what starts now (a phase, a gate verdict).
 */
export function advanceRollout(
  progress: RolloutProgress,
  step: RolloutStep,
  outcome: RolloutStepOutcome,
  nowMs: number,
): RolloutProgress {
  if (step.kind === "wait") return progress;
  if (step.seq !== progress.seq) throw new StaleRolloutStepError(step.seq, progress.seq);
  const next: RolloutProgress = { ...progress, seq: progress.seq + 1 };

  switch (step.kind) {
    case "apply":
      if (outcome.kind === "conflict") {
        // Rollback is never held: the next reconcile reads what is there now and writes again.
        return step.direction === "back"
          ? next
          : { ...next, holdReason: `the control plane refused the write: ${outcome.message}` };
      }
      expectOutcome(step, outcome, "done");
      return { ...next, phase: "converge", phaseStartedAtMs: nowMs };
    case "startBake":
      expectOutcome(step, outcome, "done");
      return {
        ...next,
        phase: "bake",
        phaseStartedAtMs: step.convergedAtMs,
        bakeStartedAtMs: step.convergedAtMs,
        bakeUntilMs: step.bakeUntilMs,
      };
    case "skipStage":
      expectOutcome(step, outcome, "done");
      return nextStage(next, nowMs);
    case "evaluateGates": {
      if (outcome.kind !== "gates")
        throw new Error(`an evaluateGates step needs a "gates" outcome, got "${outcome.kind}"`);
      const { evaluation } = outcome;
      const gateResults = [...next.gateResults];
      gateResults[step.stageIndex] = {
        ...evaluation,
        evaluatedAtMs: nowMs,
        windowStartMs: step.windowStartMs,
        windowEndMs: step.windowEndMs,
      };
      const recorded = { ...next, gateResults };
      const stage = `stage ${step.stageIndex + 1} (${progress.batches[step.stageIndex]?.name ?? "?"})`;
      const findings = (verdict: string) =>
        evaluation.results
          .filter((r) => r.verdict === verdict)
          .map((r) => r.message)
          .join("; ");
      if (evaluation.verdict === "pass") return nextStage(recorded, nowMs);
      if (evaluation.verdict === "fail") {
        return {
          ...recorded,
          direction: "back",
          phase: "apply",
          phaseStartedAtMs: nowMs,
          rollbackReason: `gates failed at ${stage}: ${findings("fail")}`,
        };
      }
      return {
        ...recorded,
        phase: "gate",
        phaseStartedAtMs: nowMs,
        holdReason: `gates inconclusive at ${stage}: ${findings("inconclusive")}`,
      };
    }
    case "hold":
      expectOutcome(step, outcome, "done");
      return { ...next, holdReason: step.reason };
    case "complete":
    case "rollbackDone":
      expectOutcome(step, outcome, "done");
      return { ...next, phase: "done", phaseStartedAtMs: nowMs };
  }
}

function nextStage(progress: RolloutProgress, nowMs: number): RolloutProgress {
  const stageIndex = progress.stageIndex + 1;
  const stageStartedAtMs = progress.stageStartedAtMs.map((startedAtMs, index) =>
    index === stageIndex ? nowMs : startedAtMs,
  );
  return {
    ...progress,
    stageIndex,
    phase: "apply",
    phaseStartedAtMs: nowMs,
    bakeStartedAtMs: null,
    bakeUntilMs: null,
    stageStartedAtMs,
  };
}

function expectOutcome(step: RolloutStep, outcome: RolloutStepOutcome, kind: RolloutStepOutcome["kind"]): void {
  if (outcome.kind !== kind) throw new Error(`a ${step.kind} step needs a "${kind}" outcome, got "${outcome.kind}"`);
}
