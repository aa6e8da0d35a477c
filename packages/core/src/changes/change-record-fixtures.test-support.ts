import type { Permission } from "../auth/roles.ts";
import { changeContent } from "./change-fixtures.test-support.ts";
import type { ChangeDecision, ChangeDecisionContext } from "./change-machine.ts";
import type { ChangeRecord } from "./change-record.ts";
import type { ChangeState } from "./change-request.ts";

export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;
export const t0 = Date.UTC(2026, 5, 1, 9);

export const person = (userId: string, ...permissions: Permission[]) => ({
  userId,
  permissions: ["read" as const, ...permissions],
});

export const author = person("author", "operate");
export const operator = person("operator", "operate");
export const approver = person("approver", "approve");
export const secondApprover = person("approver-2", "approve");
export const admin = person("admin", "administer");
export const viewer = person("viewer");

export function context(actor: ChangeDecisionContext["actor"], nowMs = t0 + hourMs): ChangeDecisionContext {
  return { actor, nowMs, approvalTtlMs: dayMs, requestTtlMs: 3 * dayMs };
}

/**
 * A change by "author" in any state, as the machine would have left it: submitted at t0 (expiring
 * three days later) from pending approval on, approved by "approver-2" once approved.
 */
export function changeIn(state: ChangeState, overrides: Partial<ChangeRecord> = {}): ChangeRecord {
  const submitted = state !== "draft";
  const approved = !["draft", "pending_approval"].includes(state);
  return {
    id: "change-1",
    version: 4,
    state,
    content: changeContent(),
    contentHash: "hash-1",
    authorId: "author",
    lastEditorId: "author",
    approvalsRequired: 1,
    approvals: approved
      ? [{ userId: "approver-2", contentHash: "hash-1", atMs: t0, expiresAtMs: t0 + dayMs, comment: null }]
      : [],
    stateReason: null,
    createdAtMs: t0 - hourMs,
    updatedAtMs: t0,
    submittedAtMs: submitted ? t0 : null,
    expiresAtMs: submitted ? t0 + 3 * dayMs : null,
    ...overrides,
  };
}

/** The next record of a "changed" decision; fails the test with the decision otherwise. */
export function nextOf(decision: ChangeDecision): ChangeRecord {
  if (decision.kind !== "changed") throw new Error(`expected a change, got ${JSON.stringify(decision)}`);
  return decision.next;
}
