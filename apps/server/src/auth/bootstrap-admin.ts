import { appendAudit, countUsers, createUser, type Database } from "@fleetdeck/db";
import type { Clock } from "@fleetdeck/sources";
import { Role } from "./identity.ts";
import { generatePassword, passwordProblems } from "./password-policy.ts";
import type { PasswordHasher } from "./passwords.ts";

export const bootstrapAdminUsername = "admin";

/**
 * Serialises the first start of several replicas on one PostgreSQL database, so that exactly one
 * creates the admin. Must differ from the other advisory lock keys (see run-migrations.ts).
 */
const bootstrapLockKey = 7_316_210_002;

export interface BootstrapAdminOptions {
  /** FLEETDECK_ADMIN_PASSWORD, when set; otherwise a password is generated. */
  adminPassword?: string;
  passwords: PasswordHasher;
  clock: Clock;
}

export type BootstrapAdminResult =
  | { created: false }
  | {
      created: true;
      username: string;
      /**
       * The generated password, for the caller to print once where the operator starts the
       * server (never to a log). null when the password came from FLEETDECK_ADMIN_PASSWORD.
       */
      generatedPassword: string | null;
    };

/**
 * On a database without accounts, creates `admin` with every role. A generated password must be
 * changed at the first sign-in; a configured one was chosen by the operator and need not be.
 * Does nothing once any account exists, so later starts (and other replicas) leave users alone.
 */
export async function bootstrapAdmin(db: Database, options: BootstrapAdminOptions): Promise<BootstrapAdminResult> {
  if ((await countUsers(db)) > 0) return { created: false };

  const configured = options.adminPassword;
  if (configured !== undefined) {
    const problems = passwordProblems(configured, bootstrapAdminUsername);
    if (problems.length > 0) {
      throw new Error(`FLEETDECK_ADMIN_PASSWORD does not meet the password policy: ${problems.join("; ")}`);
    }
  }
  const password = configured ?? generatePassword(bootstrapAdminUsername);
  const passwordHash = await options.passwords.hash(password);

  return db.transaction(async (tx): Promise<BootstrapAdminResult> => {
    await tx.query(`select pg_advisory_xact_lock(${bootstrapLockKey})`);
    // Checked again under the lock: another replica may have created the admin a moment ago.
    if ((await countUsers(tx)) > 0) return { created: false };
    const admin = await createUser(tx, {
      username: bootstrapAdminUsername,
      displayName: "Administrator",
      passwordHash,
      roles: Role.options,
      mustChangePassword: configured === undefined,
      atMs: options.clock.nowMs(),
    });
    await appendAudit(tx, {
      actor: "fleetdeck",
      actorKind: "system",
      action: "user.create",
      entityType: "user",
      entityId: admin.id,
      after: { username: admin.username, roles: admin.roles, mustChangePassword: admin.mustChangePassword },
    });
    return { created: true, username: admin.username, generatedPassword: configured === undefined ? password : null };
  });
}
