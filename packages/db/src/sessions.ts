import { z } from "zod";
import type { Queryable } from "./database.ts";
import { timestampOf } from "./timestamps.ts";
import { type User, userColumnsSql, userRow } from "./user-row.ts";

/** A browser session, known by the SHA-256 of its token (the token itself is never stored). */
export interface Session {
  idHash: string;
  userId: string;
  createdAtMs: number;
  lastSeenAtMs: number;
  /** Moves forward while the session is used, never past absoluteExpiresAtMs. */
  idleExpiresAtMs: number;
  absoluteExpiresAtMs: number;
  revokedAtMs: number | null;
  ip: string | null;
  userAgent: string | null;
}

export type NewSession = Omit<Session, "lastSeenAtMs" | "revokedAtMs">;

/** A session that may still be used, with its user as they are now. */
export interface ActiveSession {
  session: Session;
  user: User;
}

const sessionColumnsSql = `
  s.id_hash, s.user_id, s.created_at, s.last_seen_at, s.idle_expires_at, s.absolute_expires_at,
  s.revoked_at, s.ip, s.user_agent`;

const sessionRow = z
  .object({
    id_hash: z.string(),
    user_id: z.string(),
    created_at: z.date(),
    last_seen_at: z.date(),
    idle_expires_at: z.date(),
    absolute_expires_at: z.date(),
    revoked_at: z.date().nullable(),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
  })
  .transform(
    (row): Session => ({
      idHash: row.id_hash,
      userId: row.user_id,
      createdAtMs: row.created_at.getTime(),
      lastSeenAtMs: row.last_seen_at.getTime(),
      idleExpiresAtMs: row.idle_expires_at.getTime(),
      absoluteExpiresAtMs: row.absolute_expires_at.getTime(),
      revokedAtMs: row.revoked_at?.getTime() ?? null,
      ip: row.ip,
      userAgent: row.user_agent,
    }),
  );

export async function insertSession(db: Queryable, session: NewSession): Promise<Session> {
  const rows = await db.query(
    `insert into sessions as s
       (id_hash, user_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at, ip, user_agent)
     values ($1, $2, $3::timestamptz, $3::timestamptz, $4::timestamptz, $5::timestamptz, $6, $7)
     returning ${sessionColumnsSql}`,
    [
      session.idHash,
      session.userId,
      timestampOf(session.createdAtMs),
      timestampOf(session.idleExpiresAtMs),
      timestampOf(session.absoluteExpiresAtMs),
      session.ip,
      session.userAgent,
    ],
  );
  return sessionRow.parse(rows[0]);
}

/**
 * The session with this token hash if at nowMs it is neither revoked nor past either expiry.
 * A disabled user's session is returned as it is: refusing it is the caller's rule.
 */
export async function findActiveSession(db: Queryable, idHash: string, nowMs: number): Promise<ActiveSession | null> {
  const rows = await db.query(
    `select ${sessionColumnsSql}, ${userColumnsSql}
     from sessions s join users u on u.id = s.user_id
     where s.id_hash = $1 and s.revoked_at is null
       and s.idle_expires_at > $2::timestamptz and s.absolute_expires_at > $2::timestamptz`,
    [idHash, timestampOf(nowMs)],
  );
  const row = rows[0];
  return row === undefined ? null : { session: sessionRow.parse(row), user: userRow.parse(row) };
}

/** Records use of a session and extends its idle expiry. Returns false when it is unknown or revoked. */
export async function touchSession(
  db: Queryable,
  idHash: string,
  use: { lastSeenAtMs: number; idleExpiresAtMs: number },
): Promise<boolean> {
  const rows = await db.query(
    `update sessions set last_seen_at = $2::timestamptz, idle_expires_at = $3::timestamptz
     where id_hash = $1 and revoked_at is null returning id_hash`,
    [idHash, timestampOf(use.lastSeenAtMs), timestampOf(use.idleExpiresAtMs)],
  );
  return rows.length > 0;
}

/** Returns false when the session is unknown or was already revoked. */
export async function revokeSession(db: Queryable, idHash: string, atMs: number): Promise<boolean> {
  const rows = await db.query(
    "update sessions set revoked_at = $2::timestamptz where id_hash = $1 and revoked_at is null returning id_hash",
    [idHash, timestampOf(atMs)],
  );
  return rows.length > 0;
}

/** Ends every session of the user (password changed, account disabled). Returns how many were open. */
export async function revokeUserSessions(db: Queryable, userId: string, atMs: number): Promise<number> {
  const rows = await db.query(
    "update sessions set revoked_at = $2::timestamptz where user_id = $1 and revoked_at is null returning id_hash",
    [userId, timestampOf(atMs)],
  );
  return rows.length;
}

/** Ends every session of the user but one (the one changing the password keeps going). Returns how many ended. */
export async function revokeUserSessionsExcept(
  db: Queryable,
  userId: string,
  keptIdHash: string,
  atMs: number,
): Promise<number> {
  const rows = await db.query(
    `update sessions set revoked_at = $3::timestamptz
     where user_id = $1 and id_hash <> $2 and revoked_at is null returning id_hash`,
    [userId, keptIdHash, timestampOf(atMs)],
  );
  return rows.length;
}

/** Deletes sessions that can no longer be used at nowMs (revoked or expired). Returns how many. */
export async function deleteExpiredSessions(db: Queryable, nowMs: number): Promise<number> {
  const rows = await db.query(
    `delete from sessions
     where revoked_at is not null or idle_expires_at <= $1::timestamptz or absolute_expires_at <= $1::timestamptz
     returning id_hash`,
    [timestampOf(nowMs)],
  );
  return rows.length;
}
