import type { Tone } from "../../components/StatCard.tsx";

interface ShownApproval {
  contentHash: string;
  expiresAtMs: number;
  /** Whether the server counts it now (current content, not expired, not by the author or last editor). */
  counts: boolean;
}

/**
 * Why an approval does or does not count now, in words: one given for content edited since is
 * "approved an older version", one past its expiry "expired".
 */
export function approvalStanding(
  approval: ShownApproval,
  change: { contentHash: string; nowMs: number },
): { tone: Tone; text: string } {
  if (approval.contentHash !== change.contentHash) return { tone: "neutral", text: "approved an older version" };
  if (approval.expiresAtMs <= change.nowMs) return { tone: "neutral", text: "expired" };
  return approval.counts ? { tone: "good", text: "counts" } : { tone: "neutral", text: "does not count" };
}
