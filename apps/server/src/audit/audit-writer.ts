import { appendAudit, type Database, type JsonObject, type NewAuditEntry, type Queryable } from "@fleetdeck/db";

/** Everything an audit row says except the entity's states, which only the change itself knows. */
export type AuditedAction = Omit<NewAuditEntry, "before" | "after">;

/** Where a request came from, for the audit row. */
export interface RequestOrigin {
  ip: string | null;
  requestId: string | null;
}

/** Who asks for a change, and from where. */
export type AuditContext = Pick<AuditedAction, "actor" | "actorKind"> & RequestOrigin;

/** What a change reports back: its result for the caller, and the entity's states for the audit row. */
export interface AuditedChange<T> {
  result: T;
  before?: JsonObject | null;
  after?: JsonObject | null;
  /** The entity's id when it is known only after the change, e.g. because the change created it. */
  entityId?: string;
  /** The change found nothing to do (e.g. already revoked by someone else): no audit row. */
  unchanged?: boolean;
}

/**
 * Runs a change and appends its audit row in one transaction: both commit, or neither does (if
 * the change throws, or the row cannot be written). Inside `change`, use only `tx`. Read the
 * state to change inside `change` too, so that "before" is what the change replaced.
 */
export async function withAudit<T>(
  db: Database,
  action: AuditedAction,
  change: (tx: Queryable) => Promise<AuditedChange<T>>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const { result, before, after, entityId, unchanged } = await change(tx);
    if (unchanged) return result;
    await appendAudit(tx, { ...action, entityId: entityId ?? action.entityId ?? null, before, after });
    return result;
  });
}
