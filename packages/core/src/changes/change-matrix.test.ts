import { describe, expect, it } from "vitest";
import {
  type ChangeAction,
  type ChangeActionType,
  changeActionPermission,
  changeActionTypes,
  changeRepeats,
  changeTransitions,
} from "./change-actions.ts";
import { changeContent } from "./change-fixtures.test-support.ts";
import { type ChangeActor, decide } from "./change-machine.ts";
import {
  admin,
  approver,
  author,
  changeIn,
  context,
  dayMs,
  operator,
  t0,
  viewer,
} from "./change-record-fixtures.test-support.ts";
import { ChangeState } from "./change-request.ts";

const actors: Record<string, ChangeActor> = {
  "operator (author)": author,
  "other operator": operator,
  approver,
  admin,
  viewer,
  system: "system",
};

/** A well-formed request for each action, so only who acts and the state decide the outcome. */
const actionOf: Record<ChangeActionType, ChangeAction> = {
  edit: { type: "edit", content: changeContent({ title: "edited" }), contentHash: "hash-2", approvalsRequired: 1 },
  submit: { type: "submit" },
  approve: { type: "approve", contentHash: "hash-1" },
  reject: { type: "reject", reason: "not now" },
  cancel: { type: "cancel" },
  expire: { type: "expire" },
  start: { type: "start" },
  pause: { type: "pause", reason: "watching" },
  resume: { type: "resume", reason: "checked" },
  abort: { type: "abort", reason: "stop" },
  rollback: { type: "rollback", reason: "revert" },
  complete: { type: "complete" },
  gateFailed: { type: "gateFailed", reason: "gate failed" },
  hold: { type: "hold", reason: "inconclusive" },
  rolledBack: { type: "rolledBack" },
};

/** What the tables promise for an actor taking an action in a state. */
function expectedOutcome(state: ChangeState, type: ChangeActionType, actor: ChangeActor): string {
  const needed = changeActionPermission[type];
  if (needed === "system" ? actor !== "system" : actor === "system" || !actor.permissions.includes(needed)) {
    return "refused:forbidden";
  }
  if (type === "approve" && actor !== "system" && actor.userId === "author") return "refused:forbidden";
  if (changeRepeats[state].includes(type)) return "unchanged";
  return changeTransitions[state][type] ? "changed" : "refused:conflict";
}

describe("role × state × action matrix", () => {
  const cases = ChangeState.options.flatMap((state) =>
    changeActionTypes.flatMap((type) => Object.entries(actors).map(([name, actor]) => ({ state, type, name, actor }))),
  );

  it.each(cases)("$name: $type in $state", ({ state, type, actor }) => {
    // Expiry is only due after the request's three days; everything else acts well within them.
    const nowMs = type === "expire" ? t0 + 3 * dayMs : t0 + 60_000;
    const decision = decide(changeIn(state), actionOf[type], context(actor, nowMs));
    const outcome = decision.kind === "refused" ? `refused:${decision.code}` : decision.kind;
    expect(outcome).toBe(expectedOutcome(state, type, actor));
    if (decision.kind === "changed") expect(changeTransitions[state][type]).toContain(decision.next.state);
  });

  it("covers every action in every state for six kinds of actor", () => {
    expect(cases).toHaveLength(ChangeState.options.length * changeActionTypes.length * 6);
  });
});

describe("the transition tables", () => {
  /** Who can move a change out of each state, written out so a table edit shows up here. */
  const changedBy = (actor: ChangeActor) =>
    Object.fromEntries(
      ChangeState.options.map((state) => [
        state,
        changeActionTypes.filter((type) => expectedOutcome(state, type, actor) === "changed"),
      ]),
    );

  it("give operators the whole lifecycle except approval", () => {
    expect(changedBy(operator)).toEqual({
      draft: ["edit", "submit", "cancel"],
      pending_approval: ["edit", "cancel"],
      approved: ["edit", "cancel", "start"],
      rolling: ["pause", "abort", "rollback"],
      paused: ["resume", "abort", "rollback"],
      completed: ["rollback"],
      rolling_back: [],
      rejected: [],
      cancelled: [],
      expired: [],
      rolled_back: [],
    });
  });

  it("give approvers only approve and reject, and admins and viewers nothing", () => {
    const approverMoves = changedBy(approver);
    expect(approverMoves.pending_approval).toEqual(["approve", "reject"]);
    expect(approverMoves.approved).toEqual(["reject"]);
    expect(Object.values(approverMoves).flat()).toEqual(["approve", "reject", "reject"]);
    expect(Object.values(changedBy(admin)).flat()).toEqual([]);
    expect(Object.values(changedBy(viewer)).flat()).toEqual([]);
  });

  it("give the system the controller's and the sweep's moves", () => {
    const systemMoves = changedBy("system");
    expect(systemMoves.pending_approval).toEqual(["expire"]);
    expect(systemMoves.approved).toEqual(["expire"]);
    expect(systemMoves.rolling).toEqual(["complete", "gateFailed", "hold"]);
    expect(systemMoves.rolling_back).toEqual(["rolledBack"]);
  });
});
