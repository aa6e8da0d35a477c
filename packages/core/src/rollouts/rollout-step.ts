import type { DesiredConfig } from "../changes/change-request.ts";
import type { GateEvaluation } from "./gate-evaluation.ts";
import type { RolloutDirection } from "./rollout-progress.ts";

/** One instance to write: the shape of the actuators' DesiredConfigWrite. */
export interface RolloutWrite {
  instanceId: string;
  config: DesiredConfig;
  /** What the rollout believes the control plane holds: a change made underneath is refused. */
  expected: DesiredConfig | null;
}

/**
 * What the controller does next, computed by reconcileRollout. Every step carries the progress seq it
 * was computed from; advanceRollout refuses a step from another seq, so a step is recorded at most once.
 */
export type RolloutStep =
  /** Side effect: write the configs through the actuator, then advanceRollout. */
  | { kind: "apply"; seq: number; direction: RolloutDirection; stageIndex: number; writes: RolloutWrite[] }
  /** Nothing to do or record yet; reconcile again at untilMs (null: at the next tick). */
  | { kind: "wait"; seq: number; untilMs: number | null; reason: string }
  /** Record that the stage converged and bakes until bakeUntilMs. */
  | { kind: "startBake"; seq: number; stageIndex: number; convergedAtMs: number; bakeUntilMs: number }
  /** Record that a stage with no instances to change is passed over. */
  | { kind: "skipStage"; seq: number; stageIndex: number; reason: string }
  /**
   * Side effect: read the gate metrics of canaryIds over the window and of baselineIds over the
   * baseline window, call evaluateGates, then advanceRollout with its evaluation. When a stage leaves
   * no unchanged instance in its scope, baselineKind is "before-change": baselineIds are the
   * canary instances and the baseline window ends before the first of them was written.
   */
  | {
      kind: "evaluateGates";
      seq: number;
      stageIndex: number;
      canaryIds: string[];
      baselineIds: string[];
      baselineKind: "unchanged-instances" | "before-change";
      windowStartMs: number;
      windowEndMs: number;
      baselineWindowStartMs: number;
      baselineWindowEndMs: number;
    }
  /** Record that the rollout waits for a person; the change request shows the reason. */
  | { kind: "hold"; seq: number; reason: string }
  /** Record that every stage passed. */
  | { kind: "complete"; seq: number }
  /** Record that every changed instance runs its earlier config again (instances changed by someone else are left alone). */
  | { kind: "rollbackDone"; seq: number; restoredIds: string[]; leftAloneIds: string[] };

/**
 * What happened when the server carried out a step: "done" for steps without a side effect or an
 * apply that went through, "conflict" for an apply the actuator refused because a config changed
 * underneath (ConfigConflictError), "gates" with the evaluation for evaluateGates. Other failures
 * (network, timeouts) are not recorded: the server leaves the progress as it is and reconcileRollout
 * returns the same step on the next tick.
 */
export type RolloutStepOutcome =
  | { kind: "done" }
  | { kind: "conflict"; message: string }
  | { kind: "gates"; evaluation: GateEvaluation };
