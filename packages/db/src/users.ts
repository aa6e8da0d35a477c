import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Queryable } from "./database.ts";
import { timestampOf } from "./timestamps.ts";
import { type User, userColumnsSql, userRow } from "./user-row.ts";

export type { User } from "./user-row.ts";

/** What signing in needs: the user and the stored hash to check a password against. */
export interface UserWithPasswordHash {
  user: User;
  /** null for an account without a local password (e.g. OIDC only): it cannot sign in with one. */
  passwordHash: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string | null;
  roles: readonly string[];
  mustChangePassword?: boolean;
  atMs: number;
}

/** Another account already has this username, ignoring case. */
export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`The username ${JSON.stringify(username)} is already taken`);
  }
}

const uniqueViolation = "23505";

const userWithPasswordHashRow = z.object({ password_hash: z.string().nullable() });

/** Creates an account with its roles in one statement, so that it never exists without them. */
export async function createUser(db: Queryable, newUser: NewUser): Promise<User> {
  const id = randomUUID();
  try {
    await db.query(
      `with inserted as (
         insert into users (id, username, display_name, password_hash, must_change_password, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6::timestamptz, $6::timestamptz)
         returning id
       )
       insert into user_roles (user_id, role)
       select inserted.id, granted.role
       from inserted, jsonb_array_elements_text($7::jsonb) as granted(role)`,
      [
        id,
        newUser.username,
        newUser.displayName,
        newUser.passwordHash,
        newUser.mustChangePassword ?? false,
        timestampOf(newUser.atMs),
        JSON.stringify([...new Set(newUser.roles)]),
      ],
    );
  } catch (error) {
    if ((error as { code?: unknown }).code === uniqueViolation) throw new UsernameTakenError(newUser.username);
    throw error;
  }
  const created = await findUserById(db, id);
  if (!created) throw new Error(`User ${id} vanished right after it was created`);
  return created;
}

/**
 * Serialises changes to who is an enabled admin, so that two at once (each disabling the other
 * admin, say) cannot both see another admin left and together remove the last. Advisory rather than
 * row locks, so it also covers a role row being deleted. Must differ from the other advisory lock
 * keys (see run-migrations.ts and bootstrap-admin.ts).
 */
const adminChangesLockKey = 7_316_210_004;

/** An account as the users page lists it: with when it last signed in, while that session row is kept. */
export interface UserWithLastSignIn extends User {
  lastSignInAtMs: number | null;
}

const lastSignInRow = z.object({ last_sign_in_at: z.date().nullable() });

export async function findUserById(db: Queryable, id: string): Promise<User | null> {
  const rows = await db.query(`select ${userColumnsSql} from users u where u.id = $1`, [id]);
  return rows[0] === undefined ? null : userRow.parse(rows[0]);
}

/** Case-insensitive, as usernames are unique. */
export async function findUserByUsername(db: Queryable, username: string): Promise<UserWithPasswordHash | null> {
  const rows = await db.query(
    `select ${userColumnsSql}, u.password_hash from users u where lower(u.username) = lower($1)`,
    [username],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return { user: userRow.parse(row), passwordHash: userWithPasswordHashRow.parse(row).password_hash };
}

/** By id, with the stored hash, for checking the current password before changing it. */
export async function findUserWithPasswordHashById(db: Queryable, id: string): Promise<UserWithPasswordHash | null> {
  const rows = await db.query(`select ${userColumnsSql}, u.password_hash from users u where u.id = $1`, [id]);
  const row = rows[0];
  if (row === undefined) return null;
  return { user: userRow.parse(row), passwordHash: userWithPasswordHashRow.parse(row).password_hash };
}

/** Every account, by username. */
export async function listUsers(db: Queryable): Promise<User[]> {
  const rows = await db.query(`select ${userColumnsSql} from users u order by lower(u.username), u.id`);
  return rows.map((row) => userRow.parse(row));
}

/** Every account, by username, with its latest sign-in (the newest of its sessions). */
export async function listUsersWithLastSignIn(db: Queryable): Promise<UserWithLastSignIn[]> {
  const rows = await db.query(
    `select ${userColumnsSql},
       (select max(s.created_at) from sessions s where s.user_id = u.id) as last_sign_in_at
     from users u order by lower(u.username), u.id`,
  );
  return rows.map((row) => ({
    ...userRow.parse(row),
    lastSignInAtMs: lastSignInRow.parse(row).last_sign_in_at?.getTime() ?? null,
  }));
}

/**
 * Inside a transaction: waits until no other transaction may be changing who is an enabled admin,
 * and keeps them waiting until this one ends. Read the admins after this, not before.
 */
export async function lockAdminChanges(tx: Queryable): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(${adminChangesLockKey})`);
}

/** The ids of the accounts that hold the admin role and are not disabled. */
export async function listEnabledAdminIds(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select u.id from users u join user_roles r on r.user_id = u.id
     where r.role = 'admin' and not u.disabled order by u.id`,
  );
  return rows.map((row) => row.id);
}

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db.query<{ count: number }>("select count(*)::int as count from users");
  return row?.count ?? 0;
}

/** Replaces the user's roles with exactly these, in one statement. Returns false when no user has that id. */
export async function setUserRoles(
  db: Queryable,
  userId: string,
  roles: readonly string[],
  atMs: number,
): Promise<boolean> {
  const rows = await db.query<{ found: number }>(
    `with target as (update users set updated_at = $3::timestamptz where id = $1 returning id),
     wanted as (select jsonb_array_elements_text($2::jsonb) as role),
     removed as (
       delete from user_roles
       where user_id in (select id from target) and role not in (select role from wanted)
     ),
     added as (
       insert into user_roles (user_id, role)
       select target.id, wanted.role from target, wanted
       on conflict do nothing
     )
     select count(*)::int as found from target`,
    [userId, JSON.stringify([...new Set(roles)]), timestampOf(atMs)],
  );
  return (rows[0]?.found ?? 0) > 0;
}

/** Stores a new password hash (null removes the local password). Returns false when no user has that id. */
export async function setPassword(
  db: Queryable,
  userId: string,
  change: { passwordHash: string | null; mustChangePassword: boolean; atMs: number },
): Promise<boolean> {
  const rows = await db.query(
    `update users set password_hash = $2, must_change_password = $3, updated_at = $4::timestamptz
     where id = $1 returning id`,
    [userId, change.passwordHash, change.mustChangePassword, timestampOf(change.atMs)],
  );
  return rows.length > 0;
}

/** Returns false when no user has that id. Ending the user's sessions is the caller's decision. */
export async function setDisabled(db: Queryable, userId: string, disabled: boolean, atMs: number): Promise<boolean> {
  const rows = await db.query(
    "update users set disabled = $2, updated_at = $3::timestamptz where id = $1 returning id",
    [userId, disabled, timestampOf(atMs)],
  );
  return rows.length > 0;
}
