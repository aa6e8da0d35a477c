import {
  type ChangeActionType,
  type ChangeState,
  changeAuditAction,
  changeTransitions,
  type RolloutStep,
} from "@fleetdeck/core";
import { type AuditEntry, listRolloutSteps, type Queryable, queryAudit, type StoredRolloutStep } from "@fleetdeck/db";

/** A change's history as stored: its audit rows oldest first (comments left out) and its rollout steps. */
export interface ChangeTrail {
  audit: AuditEntry[];
  steps: StoredRolloutStep[];
}

/** Who writes the rows of the controller's steps (the expiry sweep writes as "expiry sweep"). */
export const controllerActor = "rollout controller";

export async function readChangeTrail(db: Queryable, changeId: string): Promise<ChangeTrail> {
  const page = await queryAudit(db, { entityType: "change", entityId: changeId, limit: 1_000 });
  if (page.nextBeforeId !== null) throw new Error(`change ${changeId} has more than 1000 audit rows`);
  const audit = page.entries.filter((entry) => entry.action !== "change.comment").reverse();
  return { audit, steps: await listRolloutSteps(db, changeId) };
}

const actionOfAudit = new Map(
  Object.entries(changeAuditAction).map(([type, audited]) => [audited, type as ChangeActionType]),
);

/** The audit actions a recorded step of each kind may be written with. */
const auditActionsOfStep: Record<RolloutStep["kind"], readonly string[]> = {
  apply: ["rollout.apply"],
  wait: [],
  startBake: ["rollout.start-bake"],
  skipStage: ["rollout.skip-stage"],
  evaluateGates: ["rollout.evaluate-gates", "change.gate-failed", "change.hold"],
  hold: ["change.hold"],
  complete: ["change.complete"],
  rollbackDone: ["change.rolled-back"],
};

interface AuditedState {
  state: ChangeState;
  version: number;
}

/**
 * Every way the stored history of a change can contradict the state machine, as messages (empty:
 * consistent). Versions run 1, 2, 3… with each row moving one version on; each row's before is the
 * previous row's after; each transition is one core allows for the row's action (a controller step
 * that records progress keeps a rolling or rolling-back state); a rollback, once begun, only ends
 * rolled back; the controller wrote one audit row per recorded step, of the step's kind, in order;
 * step numbers never repeat. With `finished`, no step may be left open either.
 */
export function trailProblems(trail: ChangeTrail, { finished = false } = {}): string[] {
  const problems: string[] = [];
  const [created, ...transitions] = trail.audit;
  if (created?.action !== "change.create")
    problems.push(`the first audit row is ${created?.action}, not change.create`);
  let previous: AuditedState = { state: (created?.after?.state as ChangeState) ?? "draft", version: 1 };
  let rolledBackFrom: number | null = null;
  for (const row of transitions) {
    const before = row.before as unknown as AuditedState | null;
    const after = row.after as unknown as AuditedState | null;
    const label = `audit row ${row.id} (${row.action})`;
    if (!before || !after) {
      problems.push(`${label} lacks its before or after`);
      continue;
    }
    if (before.version !== previous.version || before.state !== previous.state) {
      problems.push(
        `${label} starts from ${before.state} v${before.version}, but the previous row left ${previous.state} v${previous.version}`,
      );
    }
    if (after.version !== before.version + 1) problems.push(`${label} moves v${before.version} to v${after.version}`);
    if (!allowedTransition(row, before.state, after.state)) {
      problems.push(`${label}: ${before.state} → ${after.state} is not a transition the state machine allows`);
    }
    if (rolledBackFrom !== null && after.state !== "rolling_back" && after.state !== "rolled_back") {
      problems.push(`${label}: ${after.state} after the rollback began (row ${rolledBackFrom})`);
    }
    if (after.state === "rolling_back" && rolledBackFrom === null) rolledBackFrom = row.id;
    previous = after;
  }
  problems.push(...stepProblems(trail, finished));
  return problems;
}

function allowedTransition(row: AuditEntry, from: ChangeState, to: ChangeState): boolean {
  if (row.action.startsWith("rollout.")) {
    return row.actor === controllerActor && from === to && (from === "rolling" || from === "rolling_back");
  }
  const action = actionOfAudit.get(row.action);
  return action !== undefined && (changeTransitions[from][action]?.includes(to) ?? false);
}

function stepProblems({ audit, steps }: ChangeTrail, finished: boolean): string[] {
  const problems: string[] = [];
  const seqs = steps.map((step) => step.seq);
  if (new Set(seqs).size !== seqs.length) problems.push(`a step number repeats: ${seqs.join(", ")}`);
  // An open step is one a crash cut short; it is finished by the retry, or abandoned when a
  // person's pause or rollback moved the rollout on first.
  const recorded = steps.filter((step) => step.finishedAtMs !== null);
  if (finished && recorded.length !== steps.length) {
    problems.push(`steps left open: ${steps.filter((s) => s.finishedAtMs === null).map((s) => s.seq)}`);
  }
  const controllerRows = audit.filter((row) => row.actor === controllerActor);
  if (controllerRows.length !== recorded.length) {
    problems.push(`${recorded.length} recorded steps but ${controllerRows.length} controller audit rows`);
  }
  recorded.forEach((step, index) => {
    const row = controllerRows[index];
    const allowed = auditActionsOfStep[step.kind as RolloutStep["kind"]] ?? [];
    if (row && !allowed.includes(row.action)) {
      problems.push(`step ${step.seq} is stored as ${step.kind} but was audited as ${row.action}`);
    }
  });
  return problems;
}
