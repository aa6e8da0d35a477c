import type { ChangeApproval, ChangeRecord } from "./change-record.ts";

type ApprovalView = Pick<ChangeRecord, "approvals" | "contentHash" | "authorId" | "lastEditorId">;

/**
 * The approvals that count at nowMs: given for the current content, not yet expired, and not by
 * the author or the last editor (who can never approve, but a stored record is checked anyway).
 */
export function countingApprovals(change: ApprovalView, nowMs: number): ChangeApproval[] {
  return change.approvals.filter(
    (approval) =>
      approval.contentHash === change.contentHash &&
      approval.expiresAtMs > nowMs &&
      approval.userId !== change.authorId &&
      approval.userId !== change.lastEditorId,
  );
}

/** Why a user may not approve this change (four eyes: not their own work), or null if they may. */
export function approvalIneligibility(change: ApprovalView, userId: string): string | null {
  if (userId === change.authorId) {
    return "you wrote this change; four-eyes approval needs someone other than its author";
  }
  if (userId === change.lastEditorId) {
    return "you edited this change last; four-eyes approval needs someone other than its last editor";
  }
  return null;
}

/**
 * When the expiry sweep should next send "expire": a pending request at its expiry; an approved
 * one at its expiry or when its approvals fall below the required number, whichever comes first.
 * Null when the change cannot expire in its state.
 */
export function changeExpiryDueAtMs(
  change: ApprovalView & Pick<ChangeRecord, "state" | "expiresAtMs" | "approvalsRequired">,
  nowMs: number,
): number | null {
  if (change.state === "pending_approval") return change.expiresAtMs;
  if (change.state !== "approved") return null;
  const counting = countingApprovals(change, nowMs)
    .map((approval) => approval.expiresAtMs)
    .sort((a, b) => b - a);
  // With approvals sorted latest-expiring first, the count drops below N when the N-th one lapses.
  const lapseAtMs = counting[change.approvalsRequired - 1] ?? nowMs;
  return change.expiresAtMs === null ? lapseAtMs : Math.min(change.expiresAtMs, lapseAtMs);
}
