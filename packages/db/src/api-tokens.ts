import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Queryable } from "./database.ts";
import { nullableTimestampOf, timestampOf } from "./timestamps.ts";
import { type User, userColumnsSql, userRow } from "./user-row.ts";

/** An API token as its owner may see it: everything but the hash of its secret. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  /** The most the token may do; it never exceeds its owner's current roles (the caller intersects). */
  roles: string[];
  createdAtMs: number;
  lastUsedAtMs: number | null;
  expiresAtMs: number | null;
  revokedAtMs: number | null;
}

export interface NewApiToken {
  userId: string;
  name: string;
  /** The SHA-256 of the token; the token itself is never stored. */
  tokenHash: string;
  roles: readonly string[];
  createdAtMs: number;
  expiresAtMs: number | null;
}

/** A token that may still be used, with its owner as they are now. */
export interface ActiveApiToken {
  apiToken: ApiToken;
  owner: User;
}

const apiTokenColumnsSql = `
  t.id, t.user_id, t.name, to_jsonb(t.roles) as roles, t.created_at, t.last_used_at, t.expires_at, t.revoked_at`;

const apiTokenRow = z
  .object({
    id: z.string(),
    user_id: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    created_at: z.date(),
    last_used_at: z.date().nullable(),
    expires_at: z.date().nullable(),
    revoked_at: z.date().nullable(),
  })
  .transform(
    (row): ApiToken => ({
      id: row.id,
      userId: row.user_id,
      name: row.name,
      roles: row.roles,
      createdAtMs: row.created_at.getTime(),
      lastUsedAtMs: row.last_used_at?.getTime() ?? null,
      expiresAtMs: row.expires_at?.getTime() ?? null,
      revokedAtMs: row.revoked_at?.getTime() ?? null,
    }),
  );

export async function insertApiToken(db: Queryable, token: NewApiToken): Promise<ApiToken> {
  // Roles travel as a jsonb array: the two engines serialise JavaScript arrays differently.
  const rows = await db.query(
    `insert into api_tokens as t (id, user_id, name, token_hash, roles, created_at, expires_at)
     values ($1, $2, $3, $4, array(select jsonb_array_elements_text($5::jsonb)), $6::timestamptz, $7::timestamptz)
     returning ${apiTokenColumnsSql}`,
    [
      randomUUID(),
      token.userId,
      token.name,
      token.tokenHash,
      JSON.stringify([...new Set(token.roles)].sort()),
      timestampOf(token.createdAtMs),
      nullableTimestampOf(token.expiresAtMs),
    ],
  );
  return apiTokenRow.parse(rows[0]);
}

/**
 * The token with this hash if at nowMs it is neither revoked nor expired. A disabled owner's
 * token is returned as it is: refusing it is the caller's rule.
 */
export async function findActiveApiTokenByHash(
  db: Queryable,
  tokenHash: string,
  nowMs: number,
): Promise<ActiveApiToken | null> {
  const rows = await db.query(
    `select ${apiTokenColumnsSql}, ${userColumnsSql}
     from api_tokens t join users u on u.id = t.user_id
     where t.token_hash = $1 and t.revoked_at is null
       and (t.expires_at is null or t.expires_at > $2::timestamptz)`,
    [tokenHash, timestampOf(nowMs)],
  );
  const row = rows[0];
  return row === undefined ? null : { apiToken: apiTokenRow.parse(row), owner: userRow.parse(row) };
}

/** The user's tokens, revoked and expired ones included, newest first. */
export async function listApiTokensForUser(db: Queryable, userId: string): Promise<ApiToken[]> {
  const rows = await db.query(
    `select ${apiTokenColumnsSql} from api_tokens t where t.user_id = $1 order by t.created_at desc, t.id`,
    [userId],
  );
  return rows.map((row) => apiTokenRow.parse(row));
}

/** A token as an admin reviews them all: with its owner's username. */
export interface ApiTokenWithOwner extends ApiToken {
  ownerUsername: string;
}

const ownerUsernameRow = z.object({ owner_username: z.string() });

/** Every user's tokens, revoked and expired ones included, newest first. */
export async function listAllApiTokens(db: Queryable): Promise<ApiTokenWithOwner[]> {
  const rows = await db.query(
    `select ${apiTokenColumnsSql}, u.username as owner_username
     from api_tokens t join users u on u.id = t.user_id
     order by t.created_at desc, t.id`,
  );
  return rows.map((row) => ({ ...apiTokenRow.parse(row), ownerUsername: ownerUsernameRow.parse(row).owner_username }));
}

export async function findApiTokenById(db: Queryable, id: string): Promise<ApiToken | null> {
  const rows = await db.query(`select ${apiTokenColumnsSql} from api_tokens t where t.id = $1`, [id]);
  return rows[0] === undefined ? null : apiTokenRow.parse(rows[0]);
}

/** Returns false when the token is unknown or was already revoked. */
export async function revokeApiToken(db: Queryable, id: string, atMs: number): Promise<boolean> {
  const rows = await db.query(
    "update api_tokens set revoked_at = $2::timestamptz where id = $1 and revoked_at is null returning id",
    [id, timestampOf(atMs)],
  );
  return rows.length > 0;
}

export async function touchApiToken(db: Queryable, id: string, atMs: number): Promise<boolean> {
  const rows = await db.query("update api_tokens set last_used_at = $2::timestamptz where id = $1 returning id", [
    id,
    timestampOf(atMs),
  ]);
  return rows.length > 0;
}
