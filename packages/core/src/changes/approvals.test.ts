import { describe, expect, it } from "vitest";
import { approvalIneligibility, changeExpiryDueAtMs, countingApprovals } from "./approvals.ts";
import { changeIn, dayMs, hourMs, t0 } from "./change-record-fixtures.test-support.ts";

const approval = (userId: string, expiresAtMs: number, contentHash = "hash-1") => ({
  userId,
  contentHash,
  atMs: t0,
  expiresAtMs,
  comment: null,
});

describe("countingApprovals", () => {
  it("counts only unexpired approvals of the current content by neither author nor last editor", () => {
    const change = changeIn("pending_approval", {
      lastEditorId: "editor",
      approvals: [
        approval("a", t0 + dayMs),
        approval("b", t0 + hourMs),
        approval("c", t0 + dayMs, "hash-0"),
        approval("author", t0 + dayMs),
        approval("editor", t0 + dayMs),
      ],
    });
    expect(countingApprovals(change, t0).map((a) => a.userId)).toEqual(["a", "b"]);
    expect(countingApprovals(change, t0 + hourMs).map((a) => a.userId)).toEqual(["a"]);
  });
});

describe("approvalIneligibility", () => {
  it("says why the author and the last editor cannot approve", () => {
    const change = changeIn("pending_approval", { lastEditorId: "editor" });
    expect(approvalIneligibility(change, "author")).toBe(
      "you wrote this change; four-eyes approval needs someone other than its author",
    );
    expect(approvalIneligibility(change, "editor")).toBe(
      "you edited this change last; four-eyes approval needs someone other than its last editor",
    );
    expect(approvalIneligibility(change, "someone")).toBeNull();
  });
});

describe("changeExpiryDueAtMs", () => {
  it("is the request's expiry while pending, and nothing for drafts or rollouts", () => {
    expect(changeExpiryDueAtMs(changeIn("pending_approval"), t0)).toBe(t0 + 3 * dayMs);
    expect(changeExpiryDueAtMs(changeIn("draft"), t0)).toBeNull();
    expect(changeExpiryDueAtMs(changeIn("rolling"), t0)).toBeNull();
  });

  it("is when an approved change's approvals fall below the required number, if sooner", () => {
    const change = changeIn("approved", {
      approvalsRequired: 2,
      approvals: [approval("a", t0 + 2 * dayMs), approval("b", t0 + dayMs), approval("c", t0 + 5 * hourMs)],
    });
    expect(changeExpiryDueAtMs(change, t0)).toBe(t0 + dayMs);
    expect(changeExpiryDueAtMs({ ...change, approvalsRequired: 3 }, t0)).toBe(t0 + 5 * hourMs);
    expect(changeExpiryDueAtMs({ ...change, approvalsRequired: 1 }, t0)).toBe(t0 + 2 * dayMs);
  });
});
