import { z } from "zod";
import type { Queryable } from "./database.ts";
import { timestampOf } from "./timestamps.ts";

/**
 * A sign-in sent to the identity provider and not yet back: what the callback must check (state,
 * nonce, PKCE verifier) and where to go afterwards. Known by the SHA-256 of the value kept in the
 * browser's cookie, so that reading this table does not let anyone finish someone else's sign-in.
 */
export interface OidcLoginAttempt {
  idHash: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectPath: string;
  createdAtMs: number;
  expiresAtMs: number;
}

/** Stores a new attempt and drops the ones that expired, so the table holds only sign-ins under way. */
export async function insertOidcLoginAttempt(db: Queryable, attempt: OidcLoginAttempt): Promise<void> {
  await db.query("delete from oidc_login_attempts where expires_at <= $1::timestamptz", [
    timestampOf(attempt.createdAtMs),
  ]);
  await db.query(
    `insert into oidc_login_attempts (id_hash, state, nonce, code_verifier, redirect_path, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz)`,
    [
      attempt.idHash,
      attempt.state,
      attempt.nonce,
      attempt.codeVerifier,
      attempt.redirectPath,
      timestampOf(attempt.createdAtMs),
      timestampOf(attempt.expiresAtMs),
    ],
  );
}

const attemptRow = z
  .object({
    id_hash: z.string(),
    state: z.string(),
    nonce: z.string(),
    code_verifier: z.string(),
    redirect_path: z.string(),
    created_at: z.date(),
    expires_at: z.date(),
  })
  .transform(
    (row): OidcLoginAttempt => ({
      idHash: row.id_hash,
      state: row.state,
      nonce: row.nonce,
      codeVerifier: row.code_verifier,
      redirectPath: row.redirect_path,
      createdAtMs: row.created_at.getTime(),
      expiresAtMs: row.expires_at.getTime(),
    }),
  );

/**
 * Removes the attempt and returns it if it had not expired at nowMs: each attempt finishes at most
 * once, so a callback URL replayed later finds nothing.
 */
export async function takeOidcLoginAttempt(
  db: Queryable,
  idHash: string,
  nowMs: number,
): Promise<OidcLoginAttempt | null> {
  const rows = await db.query(
    `delete from oidc_login_attempts where id_hash = $1
     returning id_hash, state, nonce, code_verifier, redirect_path, created_at, expires_at`,
    [idHash],
  );
  if (rows[0] === undefined) return null;
  const attempt = attemptRow.parse(rows[0]);
  return attempt.expiresAtMs > nowMs ? attempt : null;
}
