import { type Role, rolesAllow } from "@fleetdeck/core";
import { createUser, type Database, listUsers, UsernameTakenError } from "@fleetdeck/db";
import type { Clock } from "@fleetdeck/sources";
import { type AuditContext, withAudit } from "../audit/audit-writer.ts";
import { passwordProblems } from "../auth/password-policy.ts";
import type { PasswordHasher } from "../auth/passwords.ts";
import { InvalidRequestError } from "../infra/errors.ts";

export interface NewAccount {
  username: string;
  password: string;
  roles: Role[];
}

/** Accounts as an admin manages them; every change is audited in its own transaction. */
export class UserAdmin {
  constructor(
    private readonly db: Database,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  list() {
    return listUsers(this.db);
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
}
