import { describe, expect, it } from "vitest";
import { changeContent } from "./change-fixtures.test-support.ts";
import { decide, draftChange } from "./change-machine.ts";
import {
  admin,
  approver,
  author,
  changeIn,
  context,
  dayMs,
  hourMs,
  nextOf,
  operator,
  person,
  secondApprover,
  t0,
  viewer,
} from "./change-record-fixtures.test-support.ts";

const edit = (contentHash: string, approvalsRequired = 1) => ({
  type: "edit" as const,
  content: changeContent({ title: `edited to ${contentHash}` }),
  contentHash,
  approvalsRequired,
});
const approve = (contentHash = "hash-1", comment?: string) => ({ type: "approve" as const, contentHash, comment });

describe("draftChange", () => {
  it("creates version 1 in draft, authored and last edited by the operator", () => {
    const decision = draftChange(
      { id: "c-9", content: changeContent(), contentHash: "h", approvalsRequired: 2 },
      { actor: operator, nowMs: t0 },
    );
    expect(decision).toMatchObject({
      kind: "changed",
      auditAction: "change.create",
      next: { id: "c-9", version: 1, state: "draft", authorId: "operator", lastEditorId: "operator", approvals: [] },
    });
  });

  it("needs the operate permission", () => {
    const decision = draftChange(
      { id: "c-9", content: changeContent(), contentHash: "h", approvalsRequired: 1 },
      { actor: admin, nowMs: t0 },
    );
    expect(decision).toEqual({
      kind: "refused",
      code: "forbidden",
      message: "creating a change request needs the operate permission (the operator role)",
    });
  });
});

describe("submit", () => {
  it("moves a draft to pending approval, stamping submission and expiry", () => {
    const decision = decide(changeIn("draft"), { type: "submit" }, context(author, t0));
    expect(decision).toMatchObject({ kind: "changed", auditAction: "change.submit" });
    expect(nextOf(decision)).toMatchObject({
      state: "pending_approval",
      version: 5,
      updatedAtMs: t0,
      submittedAtMs: t0,
      expiresAtMs: t0 + 3 * dayMs,
    });
  });
});

describe("approve", () => {
  it("approves once the required number of distinct approvers agreed on the current content", () => {
    const pending = changeIn("pending_approval", { approvalsRequired: 2 });
    const first = nextOf(decide(pending, approve("hash-1", " looks fine "), context(approver)));
    expect(first.state).toBe("pending_approval");
    expect(first.approvals).toEqual([
      {
        userId: "approver",
        contentHash: "hash-1",
        atMs: t0 + hourMs,
        expiresAtMs: t0 + hourMs + dayMs,
        comment: "looks fine",
      },
    ]);
    const second = decide(first, approve(), context(secondApprover, t0 + 2 * hourMs));
    expect(second).toMatchObject({ kind: "changed", summary: "approved by approver-2 (2 of 2)" });
    expect(nextOf(second).state).toBe("approved");
  });

  it("is a harmless repeat for the same person and content", () => {
    const once = nextOf(decide(changeIn("pending_approval", { approvalsRequired: 2 }), approve(), context(approver)));
    expect(decide(once, approve(), context(approver))).toEqual({
      kind: "unchanged",
      reason: "you already approved this version of the change",
    });
  });

  it("refuses the author and the last editor, saying why", () => {
    const pending = changeIn("pending_approval", { lastEditorId: "approver-2" });
    const authorApprover = person("author", "operate", "approve");
    expect(decide(pending, approve(), context(authorApprover))).toEqual({
      kind: "refused",
      code: "forbidden",
      message: "you wrote this change; four-eyes approval needs someone other than its author",
    });
    expect(decide(pending, approve(), context(secondApprover))).toMatchObject({
      code: "forbidden",
      message: "you edited this change last; four-eyes approval needs someone other than its last editor",
    });
  });

  it("refuses an approval of content that was edited since it was reviewed", () => {
    expect(decide(changeIn("pending_approval"), approve("hash-0"), context(approver))).toEqual({
      kind: "refused",
      code: "conflict",
      message: "the change was edited after you reviewed it: review the current version and approve that",
    });
  });

  it("does not count expired approvals towards the threshold", () => {
    const pending = changeIn("pending_approval", {
      approvalsRequired: 2,
      approvals: [{ userId: "approver-2", contentHash: "hash-1", atMs: t0, expiresAtMs: t0 + hourMs, comment: null }],
    });
    const after = nextOf(decide(pending, approve(), context(approver, t0 + 2 * hourMs)));
    expect(after.state).toBe("pending_approval");
    expect(after.approvals.map((a) => a.userId)).toEqual(["approver"]);
  });

  it("needs the approve permission: admins and operators cannot approve", () => {
    expect(decide(changeIn("pending_approval"), approve(), context(admin))).toEqual({
      kind: "refused",
      code: "forbidden",
      message: "a change can only be approved with the approve permission (the approver role)",
    });
    expect(decide(changeIn("pending_approval"), approve(), context(operator))).toMatchObject({ code: "forbidden" });
  });
});

describe("edit", () => {
  it("withdraws approvals and sends an approved change back to pending approval", () => {
    const decision = decide(changeIn("approved"), edit("hash-2"), context(operator));
    const next = nextOf(decision);
    expect(next).toMatchObject({
      state: "pending_approval",
      contentHash: "hash-2",
      lastEditorId: "operator",
      authorId: "author",
      approvals: [],
      stateReason: "edited by operator after approval: approve it again",
    });
    expect(decision).toMatchObject({ summary: "edited by operator; 1 approval(s) withdrawn" });
  });

  it("keeps a draft a draft and changes the approvals required", () => {
    expect(nextOf(decide(changeIn("draft"), edit("hash-2", 2), context(author)))).toMatchObject({
      state: "draft",
      approvalsRequired: 2,
    });
  });

  it("changes nothing when content and approvals required are the same", () => {
    expect(decide(changeIn("approved"), edit("hash-1"), context(operator)).kind).toBe("unchanged");
  });

  it("is refused once the rollout started, and for a missing hash", () => {
    expect(decide(changeIn("rolling"), edit("hash-2"), context(operator))).toEqual({
      kind: "refused",
      code: "conflict",
      message: "a rolling change cannot be edited (possible now: pause, hold, abort, rollback, gateFailed, complete)",
    });
    expect(decide(changeIn("draft"), edit(" "), context(operator))).toMatchObject({ code: "invalid" });
  });
});

describe("reject and cancel", () => {
  it("rejects with the approver's reason, which is required", () => {
    expect(
      nextOf(decide(changeIn("pending_approval"), { type: "reject", reason: " too big " }, context(approver))),
    ).toMatchObject({ state: "rejected", stateReason: "too big" });
    expect(decide(changeIn("pending_approval"), { type: "reject", reason: "" }, context(approver))).toEqual({
      kind: "refused",
      code: "invalid",
      message: "rejecting a change needs a reason the author can act on",
    });
  });

  it("cancels before the rollout starts; twice is harmless", () => {
    const cancelled = nextOf(decide(changeIn("approved"), { type: "cancel" }, context(author)));
    expect(cancelled).toMatchObject({ state: "cancelled", stateReason: "cancelled by author" });
    expect(decide(cancelled, { type: "cancel", reason: "again" }, context(operator))).toEqual({
      kind: "unchanged",
      reason: "the change is already cancelled",
    });
  });
});

describe("expire", () => {
  it("expires a pending request at its expiry, not before", () => {
    const pending = changeIn("pending_approval");
    expect(decide(pending, { type: "expire" }, context("system", t0 + 3 * dayMs - 1))).toEqual({
      kind: "refused",
      code: "invalid",
      message: "nothing has expired yet; the request expires at 2026-06-04T09:00:00.000Z",
    });
    expect(nextOf(decide(pending, { type: "expire" }, context("system", t0 + 3 * dayMs)))).toMatchObject({
      state: "expired",
      stateReason: "not approved before 2026-06-04T09:00:00.000Z",
    });
  });

  it("sends an approved change back to pending approval when its approvals lapse", () => {
    const next = nextOf(decide(changeIn("approved"), { type: "expire" }, context("system", t0 + dayMs)));
    expect(next).toMatchObject({
      state: "pending_approval",
      approvals: [],
      stateReason: "approvals lapsed: 0 of 1 still count",
    });
  });

  it("refuses approving, editing and starting after the request expired", () => {
    const late = t0 + 3 * dayMs;
    expect(decide(changeIn("pending_approval"), approve(), context(approver, late))).toEqual({
      kind: "refused",
      code: "conflict",
      message: "the request expired at 2026-06-04T09:00:00.000Z: it can only be cancelled",
    });
    expect(decide(changeIn("approved"), { type: "start" }, context(operator, late))).toMatchObject({
      code: "conflict",
    });
  });

  it("is the system's alone", () => {
    expect(decide(changeIn("pending_approval"), { type: "expire" }, context(admin, t0 + 4 * dayMs))).toEqual({
      kind: "refused",
      code: "forbidden",
      message: "only the rollout controller marks a change expired",
    });
  });
});

describe("start, pause, resume", () => {
  it("starts an approved change while its approvals count", () => {
    expect(nextOf(decide(changeIn("approved"), { type: "start" }, context(operator))).state).toBe("rolling");
    expect(decide(changeIn("approved"), { type: "start" }, context(operator, t0 + dayMs))).toEqual({
      kind: "refused",
      code: "conflict",
      message: "approvals lapsed: 0 of 1 still count; the change needs approval again",
    });
  });

  it("pauses (a second pause is harmless) and resumes only with a reason", () => {
    const paused = nextOf(decide(changeIn("rolling"), { type: "pause", reason: "" }, context(operator)));
    expect(paused).toMatchObject({ state: "paused", stateReason: "paused by operator" });
    expect(decide(paused, { type: "pause", reason: "x" }, context(author)).kind).toBe("unchanged");
    expect(decide(paused, { type: "resume", reason: "  " }, context(operator))).toEqual({
      kind: "refused",
      code: "invalid",
      message: "resuming a rollout needs a reason: say what was checked",
    });
    expect(nextOf(decide(paused, { type: "resume", reason: "pauses look normal" }, context(author)))).toMatchObject({
      state: "rolling",
      stateReason: "resumed by author: pauses look normal",
    });
  });

  it("lets the controller hold a rollout, never a person", () => {
    expect(
      nextOf(decide(changeIn("rolling"), { type: "hold", reason: "gate inconclusive" }, context("system"))),
    ).toMatchObject({ state: "paused", stateReason: "gate inconclusive" });
    expect(decide(changeIn("rolling"), { type: "hold", reason: "x" }, context(operator))).toMatchObject({
      code: "forbidden",
    });
  });
});

describe("abort and rollback", () => {
  it("roll back from rolling, paused and completed; repeats are harmless", () => {
    for (const state of ["rolling", "paused", "completed"] as const) {
      const next = nextOf(decide(changeIn(state), { type: "rollback", reason: "" }, context(operator)));
      expect(next).toMatchObject({ state: "rolling_back", stateReason: "rolled back by operator" });
      expect(decide(next, { type: "rollback", reason: "again" }, context(author)).kind).toBe("unchanged");
      expect(decide(next, { type: "abort", reason: "again" }, context(author)).kind).toBe("unchanged");
    }
  });

  it("abort stops a running rollout but cannot undo a completed one", () => {
    expect(nextOf(decide(changeIn("paused"), { type: "abort", reason: "p99 up" }, context(operator)))).toMatchObject({
      state: "rolling_back",
      stateReason: "p99 up",
    });
    expect(decide(changeIn("completed"), { type: "abort", reason: "" }, context(operator))).toEqual({
      kind: "refused",
      code: "conflict",
      message: "the change is completed: it can only be rolled back, not aborted",
    });
  });

  it("is never refused for policy reasons: expired approvals or requests do not matter", () => {
    const stale = changeIn("paused", { expiresAtMs: t0, approvals: [] });
    expect(decide(stale, { type: "rollback", reason: "" }, context(operator, t0 + 30 * dayMs)).kind).toBe("changed");
  });

  it("ends a rollback only in rolled back; a failed gate starts one", () => {
    const failing = nextOf(
      decide(changeIn("rolling"), { type: "gateFailed", reason: "pause p99 +40 %" }, context("system")),
    );
    expect(failing).toMatchObject({ state: "rolling_back", stateReason: "pause p99 +40 %" });
    expect(decide(failing, { type: "complete" }, context("system"))).toMatchObject({ code: "conflict" });
    expect(nextOf(decide(failing, { type: "rolledBack" }, context("system"))).state).toBe("rolled_back");
  });
});

describe("final states", () => {
  it("refuse everything but harmless repeats, naming the state", () => {
    expect(decide(changeIn("rejected"), { type: "submit" }, context(operator))).toEqual({
      kind: "refused",
      code: "conflict",
      message: "the change is rejected, which is final: it cannot be submitted",
    });
    expect(decide(changeIn("rolled_back"), { type: "start" }, context(operator))).toMatchObject({
      message: "the change is rolled back, which is final: it cannot be started",
    });
    expect(decide(changeIn("rolled_back"), { type: "abort", reason: "" }, context(operator)).kind).toBe("unchanged");
  });

  it("check permission before state: a viewer is told it lacks the permission", () => {
    expect(decide(changeIn("rejected"), { type: "cancel" }, context(viewer))).toMatchObject({ code: "forbidden" });
  });
});
