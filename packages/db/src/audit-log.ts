import { z } from "zod";
import type { Queryable } from "./database.ts";
import { type JsonObject, jsonObject } from "./json-object.ts";
import { timestampOf } from "./timestamps.ts";

/** Who acted: a signed-in user, an API token (acting for its owner), Fleetdeck itself, or nobody signed in. */
export const AuditActorKind = z.enum(["user", "token", "system", "anonymous"]);
export type AuditActorKind = z.infer<typeof AuditActorKind>;

export interface NewAuditEntry {
  actor: string;
  actorKind: AuditActorKind;
  /** What was done, as `entity.verb` (e.g. `session.login`, `api-token.revoke`). */
  action: string;
  entityType: string;
  entityId?: string | null;
  ip?: string | null;
  requestId?: string | null;
  /** The entity as it was before and after the change; never secrets such as password hashes. */
  before?: JsonObject | null;
  after?: JsonObject | null;
  /** `ok` unless the action was refused or failed (e.g. `invalid-credentials`). */
  outcome?: string;
}

export interface AuditEntry {
  /** Increases with every entry: pages are fetched by id. */
  id: number;
  /** The database's time when the transaction that wrote the entry began. */
  atMs: number;
  actor: string;
  actorKind: AuditActorKind;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  requestId: string | null;
  before: JsonObject | null;
  after: JsonObject | null;
  outcome: string;
}

export interface AuditQuery {
  actor?: string;
  /** Leaves out entries by this kind of actor (e.g. refused sign-ins, whose "actor" is whatever was typed). */
  excludeActorKind?: AuditActorKind;
  action?: string;
  /** Actions that start with this, e.g. `user.` for user.create and user.disable. */
  actionPrefix?: string;
  entityType?: string;
  entityId?: string;
  /** Inclusive. */
  fromMs?: number;
  /** Exclusive. */
  toMs?: number;
  limit: number;
  /** Entries older than this id: pass the previous page's nextBeforeId. */
  beforeId?: number;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Where the next (older) page starts, or null when this page is the last. */
  nextBeforeId: number | null;
}

export const maxAuditPageSize = 1_000;

const auditColumnsSql =
  "id, at, actor, actor_kind, action, entity_type, entity_id, ip, request_id, before, after, outcome";

const auditRow = z
  .object({
    id: z.string(),
    at: z.date(),
    actor: z.string(),
    actor_kind: AuditActorKind,
    action: z.string(),
    entity_type: z.string(),
    entity_id: z.string().nullable(),
    ip: z.string().nullable(),
    request_id: z.string().nullable(),
    before: jsonObject.nullable(),
    after: jsonObject.nullable(),
    outcome: z.string(),
  })
  .transform(
    (row): AuditEntry => ({
      // bigserial arrives as a string (see Database); the log will not hold 2^53 entries.
      id: Number(row.id),
      atMs: row.at.getTime(),
      actor: row.actor,
      actorKind: row.actor_kind,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      ip: row.ip,
      requestId: row.request_id,
      before: row.before,
      after: row.after,
      outcome: row.outcome,
    }),
  );

/**
 * Appends one entry. Pass the transaction that makes the change, so that the change and its
 * record commit or vanish together. The table refuses UPDATE, DELETE and TRUNCATE.
 */
export async function appendAudit(tx: Queryable, entry: NewAuditEntry): Promise<AuditEntry> {
  const rows = await tx.query(
    `insert into audit_log (actor, actor_kind, action, entity_type, entity_id, ip, request_id, before, after, outcome)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)
     returning ${auditColumnsSql}`,
    [
      entry.actor,
      entry.actorKind,
      entry.action,
      entry.entityType,
      entry.entityId ?? null,
      entry.ip ?? null,
      entry.requestId ?? null,
      entry.before == null ? null : JSON.stringify(entry.before),
      entry.after == null ? null : JSON.stringify(entry.after),
      entry.outcome ?? "ok",
    ],
  );
  return auditRow.parse(rows[0]);
}

/** One page of entries matching every filter given, newest first (keyset pagination by id). */
export async function queryAudit(db: Queryable, query: AuditQuery): Promise<AuditPage> {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > maxAuditPageSize) {
    throw new Error(`An audit page holds 1 to ${maxAuditPageSize} entries (asked for ${query.limit})`);
  }
  const conditions: string[] = [];
  const params: unknown[] = [];
  const addCondition = (sqlWithParam: (param: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sqlWithParam(`$${params.length}`));
  };
  if (query.actor !== undefined) addCondition((p) => `actor = ${p}`, query.actor);
  if (query.excludeActorKind !== undefined) addCondition((p) => `actor_kind <> ${p}`, query.excludeActorKind);
  if (query.action !== undefined) addCondition((p) => `action = ${p}`, query.action);
  if (query.actionPrefix !== undefined) {
    addCondition((p) => `action like ${p} escape '\\'`, `${escapeLikePattern(query.actionPrefix)}%`);
  }
  if (query.entityType !== undefined) addCondition((p) => `entity_type = ${p}`, query.entityType);
  if (query.entityId !== undefined) addCondition((p) => `entity_id = ${p}`, query.entityId);
  if (query.fromMs !== undefined) addCondition((p) => `at >= ${p}::timestamptz`, timestampOf(query.fromMs));
  if (query.toMs !== undefined) addCondition((p) => `at < ${p}::timestamptz`, timestampOf(query.toMs));
  if (query.beforeId !== undefined) addCondition((p) => `id < ${p}::int8`, String(query.beforeId));
  params.push(query.limit + 1);
  const rows = await db.query(
    `select ${auditColumnsSql} from audit_log
     ${conditions.length > 0 ? `where ${conditions.join(" and ")}` : ""}
     order by id desc limit $${params.length}`,
    params,
  );
  const entries = rows.slice(0, query.limit).map((row) => auditRow.parse(row));
  const hasOlder = rows.length > query.limit;
  return { entries, nextBeforeId: hasOlder ? (entries.at(-1)?.id ?? null) : null };
}

/** `%`, `_` and the escape character itself match literally, so a prefix is only a prefix. */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The values seen in the log, for filter pickers: each list most recently used first. */
export interface AuditFacets {
  actors: string[];
  actions: string[];
  entityTypes: string[];
}

/**
 * The distinct actors, actions and entity types, at most `limitPerFacet` of each, most recently
 * seen first: bounded, because a long-lived log can name many (e.g. every username mistyped at
 * sign-in).
 */
export async function queryAuditFacets(
  db: Queryable,
  { limitPerFacet, excludeActorKind }: { limitPerFacet: number; excludeActorKind?: AuditActorKind },
): Promise<AuditFacets> {
  if (!Number.isInteger(limitPerFacet) || limitPerFacet < 1) {
    throw new Error(`limitPerFacet must be a positive integer (got ${limitPerFacet})`);
  }
  const distinct = async (column: "actor" | "action" | "entity_type") => {
    const rows = await db.query<{ value: string }>(
      `select ${column} as value from audit_log where actor_kind is distinct from $2
       group by ${column} order by max(id) desc limit $1`,
      [limitPerFacet, column === "actor" ? (excludeActorKind ?? null) : null],
    );
    return rows.map((row) => row.value);
  };
  return {
    actors: await distinct("actor"),
    actions: await distinct("action"),
    entityTypes: await distinct("entity_type"),
  };
}
