import { z } from "zod";
import { ChangeContent, ChangeState } from "./change-request.ts";

const UserId = z.string().min(1).max(200);
const EpochMs = z.number().int();

/** One approver's consent to one exact content (by hash), valid until expiresAtMs. */
export const ChangeApproval = z.strictObject({
  userId: UserId,
  contentHash: z.string().min(1),
  atMs: EpochMs,
  expiresAtMs: EpochMs,
  comment: z.string().max(2000).nullable(),
});
export type ChangeApproval = z.infer<typeof ChangeApproval>;

/**
 * A change request as it is stored: plain JSON, every field the state machine reads. Each
 * transition writes the next version (compare-and-set on id and version).
 */
export const ChangeRecord = z.strictObject({
  id: z.string().min(1).max(200),
  version: z.number().int().min(1),
  state: ChangeState,
  content: ChangeContent,
  /** sha256 of canonicalJson(content), computed by the server: what approvals bind to. */
  contentHash: z.string().min(1),
  authorId: UserId,
  /** Who changed the content last (the author until someone edits): may not approve it. */
  lastEditorId: UserId,
  approvalsRequired: z.number().int().min(1).max(10),
  approvals: z.array(ChangeApproval),
  /** Why the change is in its state (a rejection, a pause, a failed gate); null when nothing to say. */
  stateReason: z.string().nullable(),
  createdAtMs: EpochMs,
  updatedAtMs: EpochMs,
  submittedAtMs: EpochMs.nullable(),
  /** When a submitted change that has not started expires; null before submission. */
  expiresAtMs: EpochMs.nullable(),
});
export type ChangeRecord = z.infer<typeof ChangeRecord>;
