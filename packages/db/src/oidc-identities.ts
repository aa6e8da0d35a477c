import { z } from "zod";
import type { Queryable } from "./database.ts";
import { timestampOf } from "./timestamps.ts";
import { type User, userColumnsSql, userRow } from "./user-row.ts";

/** An account at an identity provider: its issuer and the subject (`sub`) it has there. */
export interface OidcSubject {
  issuer: string;
  subject: string;
}

/** The console user linked to this provider account, or null when it has never signed in. */
export async function findUserByOidcSubject(db: Queryable, { issuer, subject }: OidcSubject): Promise<User | null> {
  const rows = await db.query(
    `select ${userColumnsSql} from oidc_identities i join users u on u.id = i.user_id
     where i.issuer = $1 and i.subject = $2`,
    [issuer, subject],
  );
  return rows[0] === undefined ? null : userRow.parse(rows[0]);
}

/** Links a provider account to a console user (each side at most once). */
export async function linkOidcSubject(
  db: Queryable,
  link: OidcSubject & { userId: string; atMs: number },
): Promise<void> {
  await db.query(
    `insert into oidc_identities (issuer, subject, user_id, created_at, last_sign_in_at)
     values ($1, $2, $3, $4::timestamptz, $4::timestamptz)`,
    [link.issuer, link.subject, link.userId, timestampOf(link.atMs)],
  );
}

export async function recordOidcSignIn(db: Queryable, account: OidcSubject, atMs: number): Promise<void> {
  await db.query("update oidc_identities set last_sign_in_at = $3::timestamptz where issuer = $1 and subject = $2", [
    account.issuer,
    account.subject,
    timestampOf(atMs),
  ]);
}

/** The provider and ID token a session was opened with, for signing out there too. */
export interface OidcSessionToken {
  sessionIdHash: string;
  issuer: string;
  idToken: string;
}

export async function insertOidcSessionToken(db: Queryable, token: OidcSessionToken): Promise<void> {
  await db.query("insert into oidc_sessions (session_id_hash, issuer, id_token) values ($1, $2, $3)", [
    token.sessionIdHash,
    token.issuer,
    token.idToken,
  ]);
}

const oidcSessionRow = z
  .object({ session_id_hash: z.string(), issuer: z.string(), id_token: z.string() })
  .transform(
    (row): OidcSessionToken => ({ sessionIdHash: row.session_id_hash, issuer: row.issuer, idToken: row.id_token }),
  );

/** null for a session opened with a password. */
export async function findOidcSessionToken(db: Queryable, sessionIdHash: string): Promise<OidcSessionToken | null> {
  const rows = await db.query(
    "select session_id_hash, issuer, id_token from oidc_sessions where session_id_hash = $1",
    [sessionIdHash],
  );
  return rows[0] === undefined ? null : oidcSessionRow.parse(rows[0]);
}
