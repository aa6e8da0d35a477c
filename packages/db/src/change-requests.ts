import { z } from "zod";
import type { Queryable } from "./database.ts";
import { type JsonObject, jsonObject } from "./json-object.ts";
import { nullableTimestampOf, timestampOf } from "./timestamps.ts";

/**
 * A change request row. `record` and `rollout` are the domain model's JSON (core's change record
 * and rollout progress); the columns beside them copy what queries filter and sort by.
 */
export interface StoredChange {
  id: string;
  number: number;
  version: number;
  state: string;
  serviceId: string;
  title: string;
  authorId: string;
  record: JsonObject;
  rollout: JsonObject | null;
  dueAtMs: number | null;
  expiresAtMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface NewStoredChange {
  id: string;
  state: string;
  serviceId: string;
  title: string;
  authorId: string;
  record: JsonObject;
  expiresAtMs: number | null;
  createdAtMs: number;
}

/** What a transition writes; the row's version goes up by one. */
export interface ChangeWrite {
  id: string;
  /** The version the writer read: the write happens only if the row still has it. */
  expectedVersion: number;
  state: string;
  title: string;
  record: JsonObject;
  rollout: JsonObject | null;
  dueAtMs: number | null;
  expiresAtMs: number | null;
  updatedAtMs: number;
}

export interface ChangeListQuery {
  states?: readonly string[];
  serviceId?: string;
  limit: number;
}

export interface StoredComment {
  id: number;
  changeId: string;
  authorId: string;
  authorUsername: string;
  body: string;
  createdAtMs: number;
}

export const maxChangePageSize = 200;

/** The partial unique index that keeps one active rollout per service (migration 0005). */
export const oneActiveRolloutPerServiceIndex = "change_requests_one_active_per_service";

const changeRow = z
  .object({
    id: z.string(),
    number: z.string(),
    version: z.number(),
    state: z.string(),
    service_id: z.string(),
    title: z.string(),
    author_id: z.string(),
    record: jsonObject,
    rollout: jsonObject.nullable(),
    due_at: z.date().nullable(),
    expires_at: z.date().nullable(),
    created_at: z.date(),
    updated_at: z.date(),
  })
  .transform(
    (row): StoredChange => ({
      id: row.id,
      // identity columns are int8, which arrive as strings; no table reaches 2^53 rows
      number: Number(row.number),
      version: row.version,
      state: row.state,
      serviceId: row.service_id,
      title: row.title,
      authorId: row.author_id,
      record: row.record,
      rollout: row.rollout,
      dueAtMs: row.due_at?.getTime() ?? null,
      expiresAtMs: row.expires_at?.getTime() ?? null,
      createdAtMs: row.created_at.getTime(),
      updatedAtMs: row.updated_at.getTime(),
    }),
  );

const changeColumns =
  "id, number, version, state, service_id, title, author_id, record, rollout, due_at, expires_at, created_at, updated_at";

export async function insertChange(db: Queryable, change: NewStoredChange): Promise<StoredChange> {
  const rows = await db.query(
    `insert into change_requests (id, version, state, service_id, title, author_id, record, expires_at, created_at, updated_at)
     values ($1, 1, $2, $3, $4, $5, $6, $7, $8, $8)
     returning ${changeColumns}`,
    [
      change.id,
      change.state,
      change.serviceId,
      change.title,
      change.authorId,
      JSON.stringify(change.record),
      nullableTimestampOf(change.expiresAtMs),
      timestampOf(change.createdAtMs),
    ],
  );
  return changeRow.parse(rows[0]);
}

export async function getChange(db: Queryable, id: string): Promise<StoredChange | null> {
  const rows = await db.query(`select ${changeColumns} from change_requests where id = $1`, [id]);
  return rows[0] ? changeRow.parse(rows[0]) : null;
}

/**
 * Compare-and-set: writes only if the row still has expectedVersion, and returns the new row,
 * or null when someone else wrote first (the caller reads again and decides anew).
 */
export async function compareAndSetChange(db: Queryable, write: ChangeWrite): Promise<StoredChange | null> {
  const rows = await db.query(
    `update change_requests
        set version = version + 1, state = $3, title = $4, record = $5, rollout = $6, due_at = $7,
            expires_at = $8, updated_at = $9
      where id = $1 and version = $2
      returning ${changeColumns}`,
    [
      write.id,
      write.expectedVersion,
      write.state,
      write.title,
      JSON.stringify(write.record),
      write.rollout === null ? null : JSON.stringify(write.rollout),
      nullableTimestampOf(write.dueAtMs),
      nullableTimestampOf(write.expiresAtMs),
      timestampOf(write.updatedAtMs),
    ],
  );
  return rows[0] ? changeRow.parse(rows[0]) : null;
}

/** Newest first; filtered by states and service when given. */
export async function listChanges(db: Queryable, query: ChangeListQuery): Promise<StoredChange[]> {
  const limit = Math.min(Math.max(1, query.limit), maxChangePageSize);
  const rows = await db.query(
    `select ${changeColumns} from change_requests
      where ($1::text[] is null or state = any($1::text[]))
        and ($2::text is null or service_id = $2)
      order by updated_at desc, id desc
      limit $3`,
    [query.states ? [...query.states] : null, query.serviceId ?? null, limit],
  );
  return rows.map((row) => changeRow.parse(row));
}

/** Rollouts whose next look is due at or before nowMs, the longest waiting first. */
export async function listDueChanges(db: Queryable, nowMs: number, limit: number): Promise<StoredChange[]> {
  const rows = await db.query(
    `select ${changeColumns} from change_requests
      where due_at is not null and due_at <= $1
      order by due_at, id
      limit $2`,
    [timestampOf(nowMs), limit],
  );
  return rows.map((row) => changeRow.parse(row));
}

/** Pending requests and approvals that run out at or before nowMs, for the expiry sweep. */
export async function listExpiringChanges(db: Queryable, nowMs: number, limit: number): Promise<StoredChange[]> {
  const rows = await db.query(
    `select ${changeColumns} from change_requests
      where expires_at is not null and expires_at <= $1
      order by expires_at, id
      limit $2`,
    [timestampOf(nowMs), limit],
  );
  return rows.map((row) => changeRow.parse(row));
}

const commentRow = z
  .object({
    id: z.string(),
    change_id: z.string(),
    author_id: z.string(),
    username: z.string(),
    body: z.string(),
    created_at: z.date(),
  })
  .transform(
    (row): StoredComment => ({
      id: Number(row.id),
      changeId: row.change_id,
      authorId: row.author_id,
      authorUsername: row.username,
      body: row.body,
      createdAtMs: row.created_at.getTime(),
    }),
  );

export async function insertComment(
  db: Queryable,
  comment: { changeId: string; authorId: string; body: string; createdAtMs: number },
): Promise<StoredComment> {
  const rows = await db.query(
    `with inserted as (
       insert into change_comments (change_id, author_id, body, created_at) values ($1, $2, $3, $4)
       returning id, change_id, author_id, body, created_at
     )
     select inserted.*, users.username from inserted join users on users.id = inserted.author_id`,
    [comment.changeId, comment.authorId, comment.body, timestampOf(comment.createdAtMs)],
  );
  return commentRow.parse(rows[0]);
}

/** A change's comments, oldest first. */
export async function listComments(db: Queryable, changeId: string): Promise<StoredComment[]> {
  const rows = await db.query(
    `select c.id, c.change_id, c.author_id, u.username, c.body, c.created_at
       from change_comments c join users u on u.id = c.author_id
      where c.change_id = $1
      order by c.id`,
    [changeId],
  );
  return rows.map((row) => commentRow.parse(row));
}

/**
 * The latest fleet-time instant a change or a rollout step was stamped with; null before any.
 * A demo clock restarting from it never runs behind what the rollouts already recorded.
 */
export async function latestChangeActivityMs(db: Queryable): Promise<number | null> {
  const rows = await db.query<{ at: Date | null }>(
    `select greatest((select max(updated_at) from change_requests), (select max(started_at) from rollout_steps)) as at`,
  );
  return rows[0]?.at ? rows[0].at.getTime() : null;
}
