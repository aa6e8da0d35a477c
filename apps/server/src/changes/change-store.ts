import { ChangeRecord, type ChangeState, changeExpiryDueAtMs, type RolloutProgress } from "@fleetdeck/core";
import {
  compareAndSetChange,
  type Database,
  type JsonObject,
  oneActiveRolloutPerServiceIndex,
  type Queryable,
  type StoredChange,
} from "@fleetdeck/db";
import { type AuditContext, withAudit } from "../audit/audit-writer.ts";
import { ConflictError } from "../infra/errors.ts";

/** A stored change as the domain sees it: the record (at the row's version) and its rollout. */
export interface ChangeSnapshot {
  stored: StoredChange;
  record: ChangeRecord;
  rollout: RolloutProgress | null;
}

/** States in which the rollout controller works on a change. */
const controllerStates: readonly ChangeState[] = ["rolling", "rolling_back"];

export function snapshotOf(stored: StoredChange): ChangeSnapshot {
  // The row's version and state are the ones compare-and-set guards; the JSON copy follows them.
  const record = ChangeRecord.parse({ ...stored.record, version: stored.version, state: stored.state });
  // Written only by this server from core's RolloutProgress; nothing else writes the column.
  const rollout = stored.rollout as unknown as RolloutProgress | null;
  return { stored, record, rollout };
}

export interface TransitionWrite {
  before: ChangeSnapshot;
  next: ChangeRecord;
  rollout: RolloutProgress | null;
  audit: AuditContext & { action: string };
  nowMs: number;
  /** More writes that belong to the same transaction (a rollout step's row). */
  alsoInTransaction?: (tx: Queryable) => Promise<void>;
}

/**
 * Writes a transition and its audit row in one transaction, compare-and-set on the version the
 * writer read. Returns the new snapshot, or null when another writer came first (nothing was
 * written; read again and decide anew).
 */
export async function writeTransition(db: Database, write: TransitionWrite): Promise<ChangeSnapshot | null> {
  const { before, next, rollout, nowMs } = write;
  try {
    return await withAudit(db, { ...write.audit, entityType: "change", entityId: before.record.id }, async (tx) => {
      const row = await compareAndSetChange(tx, {
        id: before.record.id,
        expectedVersion: before.stored.version,
        state: next.state,
        title: next.content.title,
        record: next as unknown as JsonObject,
        rollout: rollout as unknown as JsonObject | null,
        dueAtMs: controllerStates.includes(next.state) ? nowMs : null,
        expiresAtMs: changeExpiryDueAtMs(next, nowMs),
        updatedAtMs: nowMs,
      });
      if (!row) return { result: null, unchanged: true };
      await write.alsoInTransaction?.(tx);
      return { result: snapshotOf(row), before: auditedView(before.record), after: auditedView(next) };
    });
  } catch (error) {
    if (error instanceof Error && error.message.includes(oneActiveRolloutPerServiceIndex)) {
      throw new ConflictError(
        `service "${before.record.content.target.serviceId}" already has an active rollout: only one at a time`,
      );
    }
    throw error;
  }
}

/** What an audit row keeps of a change: enough to see what a transition changed. */
function auditedView(record: ChangeRecord): JsonObject {
  return {
    state: record.state,
    version: record.version,
    title: record.content.title,
    patch: record.content.patch,
    target: record.content.target,
    contentHash: record.contentHash,
    approvalsRequired: record.approvalsRequired,
    approvedBy: record.approvals.map((approval) => approval.userId),
    stateReason: record.stateReason,
  };
}
