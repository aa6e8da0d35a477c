import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countingApprovals } from "./approvals.ts";
import { type ChangeAction, changeActionPermission, changeTransitions } from "./change-actions.ts";
import { changeContent } from "./change-fixtures.test-support.ts";
import { type ChangeActor, type ChangeDecision, decide, draftChange } from "./change-machine.ts";
import { ChangeRecord } from "./change-record.ts";
import { dayMs, hourMs, person, t0 } from "./change-record-fixtures.test-support.ts";
import { ChangeState } from "./change-request.ts";

/** People with every mix of powers that matters, including one who may both edit and approve. */
const people: ChangeActor[] = [
  person("alice", "operate"),
  person("bob", "operate"),
  person("carol", "approve"),
  person("dave", "approve"),
  person("erin", "operate", "approve"),
  person("frank", "administer"),
  person("grace"),
];
const actorArbitrary: fc.Arbitrary<ChangeActor> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...people) },
  { weight: 2, arbitrary: fc.constant<ChangeActor>("system") },
);

const reason = fc.constantFrom("", "  ", "checked the pauses");
const hash = fc.constantFrom("h1", "h2", "h3");

/** An action as generated; "current" approves whatever hash the change has when the step runs. */
type Step = { actor: ChangeActor; advanceMs: number; action: ChangeAction | { type: "approveCurrent" } };

/** Weighted towards the path that reaches rollouts, so deep states are exercised too. */
const actionArbitrary: fc.Arbitrary<Step["action"]> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("edit" as const),
      content: fc.constantFrom("a", "b").map((title) => changeContent({ title })),
      contentHash: hash,
      approvalsRequired: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ type: "submit" as const }) },
  { weight: 5, arbitrary: fc.constant({ type: "approveCurrent" as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("approve" as const), contentHash: hash }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("reject" as const), reason }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant("cancel" as const), reason: fc.option(reason, { nil: undefined }) }),
  },
  { weight: 2, arbitrary: fc.constant({ type: "expire" as const }) },
  { weight: 4, arbitrary: fc.constant({ type: "start" as const }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("pause" as const), reason }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant("resume" as const), reason }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("abort" as const), reason }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("rollback" as const), reason }) },
  { weight: 3, arbitrary: fc.constant({ type: "complete" as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("gateFailed" as const), reason }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("hold" as const), reason }) },
  { weight: 2, arbitrary: fc.constant({ type: "rolledBack" as const }) },
);

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  actor: actorArbitrary,
  // Mostly minutes apart, sometimes long enough for approvals (1 day) or requests (3 days) to lapse.
  advanceMs: fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: hourMs }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 * dayMs }) },
  ),
  action: actionArbitrary,
});

const absorbing: readonly ChangeState[] = ["rejected", "cancelled", "expired", "rolled_back"];

/** Checks every invariant of one decision; returns the record the next step acts on. */
function checkStep(
  change: ChangeRecord,
  action: ChangeAction,
  actor: ChangeActor,
  nowMs: number,
  decision: ChangeDecision,
) {
  const needed = changeActionPermission[action.type];
  const permitted = needed === "system" ? actor === "system" : actor !== "system" && actor.permissions.includes(needed);
  if (!permitted) expect(decision).toMatchObject({ kind: "refused", code: "forbidden" });
  if (decision.kind !== "changed") return change;
  const next = decision.next;
  expect(next.version).toBe(change.version + 1);
  expect(next.updatedAtMs).toBe(nowMs);
  expect([next.id, next.authorId, next.createdAtMs]).toEqual([change.id, change.authorId, change.createdAtMs]);
  expect(changeTransitions[change.state][action.type]).toContain(next.state);
  // Stored state is plain JSON the schema accepts.
  expect(ChangeRecord.parse(JSON.parse(JSON.stringify(next)))).toEqual(next);

  expect(absorbing).not.toContain(change.state);
  if (change.state === "completed") expect([action.type, next.state]).toEqual(["rollback", "rolling_back"]);
  if (change.state === "rolling_back") expect(next.state).toBe("rolled_back");
  if (action.type === "edit") expect(next.approvals).toEqual([]);
  // Approvals always bind to the current content and never come from its author or last editor.
  for (const approval of next.approvals) {
    expect(approval.contentHash).toBe(next.contentHash);
    expect([next.authorId, next.lastEditorId]).not.toContain(approval.userId);
  }
  // Approved, or started, only with enough approvals that count at that moment.
  if (next.state === "approved" || action.type === "start") {
    expect(countingApprovals(next, nowMs).length).toBeGreaterThanOrEqual(next.approvalsRequired);
  }
  return next;
}

describe("change machine invariants over random action sequences (fixed seed)", () => {
  it("hold for every sequence of actors, actions, edits and times", () => {
    const reached = new Set<ChangeState>();
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 60, size: "max" }), (steps) => {
        let nowMs = t0;
        const created = draftChange(
          { id: "c-1", content: changeContent(), contentHash: "h1", approvalsRequired: 1 },
          { actor: people[0] as ChangeActor, nowMs },
        );
        if (created.kind !== "changed") throw new Error("alice can create drafts");
        let change = created.next;
        for (const step of steps) {
          nowMs += step.advanceMs;
          const action: ChangeAction =
            step.action.type === "approveCurrent" ? { type: "approve", contentHash: change.contentHash } : step.action;
          const before = structuredClone(change);
          const decision = decide(change, action, {
            actor: step.actor,
            nowMs,
            approvalTtlMs: dayMs,
            requestTtlMs: 3 * dayMs,
          });
          expect(change).toEqual(before);
          change = checkStep(change, action, step.actor, nowMs, decision);
          reached.add(change.state);
        }
      }),
      { seed: 6_2026, numRuns: 1000 },
    );
    // The sequences are only evidence if they reach every state.
    expect([...reached].sort()).toEqual([...ChangeState.options].sort());
    // A thousand sequences take seconds, more on a busy machine: the default 5 s is too short.
  }, 120_000);
});
