import { type Role, rolesAllow } from "@fleetdeck/core";
import {
  createUser,
  type Database,
  findUserById,
  listEnabledAdminIds,
  listUsersWithLastSignIn,
  lockAdminChanges,
  type Queryable,
  revokeUserSessions,
  setDisabled,
  setPassword,
  setUserRoles,
  type User,
  UsernameTakenError,
} from "@fleetdeck/db";
import type { Clock } from "@fleetdeck/sources";
import { type AuditContext, withAudit } from "../audit/audit-writer.ts";
import { passwordProblems } from "../auth/password-policy.ts";
import type { PasswordHasher } from "../auth/passwords.ts";
import { InvalidRequestError, NotFoundError } from "../infra/errors.ts";
import { adminSafetyProblem } from "./admin-safety.ts";

export interface NewAccount {
  username: string;
  password: string;
  roles: Role[];
}

/** The admin asking for a change: their account (for the rules about oneself) and the audit's "who". */
export interface AccountAdministrator {
  userId: string;
  audit: AuditContext;
}

/** Accounts as an admin manages them; every change is audited in its own transaction. */
export class UserAdmin {
  constructor(
    private readonly db: Database,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  list() {
    return listUsersWithLastSignIn(this.db);
  }

  async create(account: NewAccount, audit: AuditContext) {
    const problems = passwordProblems(account.password, account.username);
    if (problems.length > 0) throw new InvalidRequestError(`password: ${problems.join("; ")}`);
    if (!rolesAllow(account.roles, "read")) throw new InvalidRequestError("roles: give the account at least one role");
    const passwordHash = await this.passwords.hash(account.password);
    try {
      return await withAudit(this.db, { ...audit, action: "user.create", entityType: "user" }, async (tx) => {
        const user = await createUser(tx, {
          username: account.username,
          displayName: account.username,
          passwordHash,
          roles: account.roles,
          mustChangePassword: false,
          atMs: this.clock.nowMs(),
        });
        return { result: user, entityId: user.id, after: { username: user.username, roles: user.roles } };
      });
    } catch (error) {
      if (error instanceof UsernameTakenError) throw new InvalidRequestError(error.message);
      throw error;
    }
  }

  /** Gives the account exactly these roles; its sessions and tokens follow at their next request. */
  async setRoles(userId: string, roles: readonly Role[], by: AccountAdministrator): Promise<User> {
    if (!rolesAllow(roles, "read")) throw new InvalidRequestError("roles: give the account at least one role");
    const wanted = [...new Set(roles)].sort();
    const action = { ...by.audit, action: "user.set-roles", entityType: "user", entityId: userId };
    return withAudit(this.db, action, async (tx) => {
      const user = await this.guardedTarget(tx, userId, by, (target) => ({ roles: wanted, disabled: target.disabled }));
      const unchanged = sameRoles(user.roles, wanted);
      if (!unchanged) await setUserRoles(tx, userId, wanted, this.clock.nowMs());
      return {
        result: await this.userOrNotFound(tx, userId),
        unchanged,
        before: { username: user.username, roles: user.roles },
        after: { username: user.username, roles: wanted },
      };
    });
  }

  /**
   * Disables or enables the account. Disabling ends its sessions in the same transaction; its API
   * tokens stop working too, since a token never resolves for a disabled owner.
   */
  async setDisabled(userId: string, disabled: boolean, by: AccountAdministrator): Promise<User> {
    const action = {
      ...by.audit,
      action: disabled ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: userId,
    };
    return withAudit(this.db, action, async (tx) => {
      const user = await this.guardedTarget(tx, userId, by, (target) => ({ roles: target.roles, disabled }));
      if (user.disabled === disabled) return { result: user, unchanged: true };
      const nowMs = this.clock.nowMs();
      await setDisabled(tx, userId, disabled, nowMs);
      const sessionsEnded = disabled ? await revokeUserSessions(tx, userId, nowMs) : 0;
      return {
        result: await this.userOrNotFound(tx, userId),
        before: { username: user.username, disabled: user.disabled },
        after: { username: user.username, disabled, sessionsEnded },
      };
    });
  }

  /**
   * Sets a temporary password that the user must replace at their next sign-in, and ends their
   * sessions so that whoever holds one signs in again.
   */
  async resetPassword(userId: string, password: string, by: AccountAdministrator): Promise<User> {
    if (userId === by.userId) {
      throw new InvalidRequestError("To change your own password use Change password, which asks for the current one");
    }
    const target = await findUserById(this.db, userId);
    if (!target) throw new NotFoundError(`No user with id "${userId}"`);
    const problems = passwordProblems(password, target.username);
    if (problems.length > 0) throw new InvalidRequestError(`password: ${problems.join("; ")}`);
    // Hashed before the transaction: Argon2 takes tens of milliseconds that no lock should wait for.
    const passwordHash = await this.passwords.hash(password);
    const action = { ...by.audit, action: "user.reset-password", entityType: "user", entityId: userId };
    return withAudit(this.db, action, async (tx) => {
      const user = await this.userOrNotFound(tx, userId);
      const nowMs = this.clock.nowMs();
      await setPassword(tx, userId, { passwordHash, mustChangePassword: true, atMs: nowMs });
      const sessionsEnded = await revokeUserSessions(tx, userId, nowMs);
      return {
        result: await this.userOrNotFound(tx, userId),
        before: { username: user.username, mustChangePassword: user.mustChangePassword },
        after: { username: user.username, mustChangePassword: true, sessionsEnded },
      };
    });
  }

  /**
   * The account to change, read under the admin-changes lock, after checking that the change
   * (`after`) leaves an enabled admin and does not lock the asking admin out.
   */
  private async guardedTarget(
    tx: Queryable,
    userId: string,
    by: AccountAdministrator,
    after: (target: User) => { roles: readonly string[]; disabled: boolean },
  ): Promise<User> {
    await lockAdminChanges(tx);
    const target = await this.userOrNotFound(tx, userId);
    const problem = adminSafetyProblem({
      actorUserId: by.userId,
      target,
      after: after(target),
      enabledAdminIds: await listEnabledAdminIds(tx),
    });
    if (problem) throw new InvalidRequestError(problem);
    return target;
  }

  private async userOrNotFound(tx: Queryable, userId: string): Promise<User> {
    const user = await findUserById(tx, userId);
    if (!user) throw new NotFoundError(`No user with id "${userId}"`);
    return user;
  }
}

function sameRoles(current: readonly string[], wanted: readonly string[]): boolean {
  return current.length === wanted.length && wanted.every((role) => current.includes(role));
}
