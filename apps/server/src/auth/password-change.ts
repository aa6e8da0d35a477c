import {
  appendAudit,
  type Database,
  findUserById,
  findUserWithPasswordHashById,
  revokeUserSessionsExcept,
  setPassword,
} from "@fleetdeck/db";
import type { Clock } from "@fleetdeck/sources";
import { type AuditedAction, type RequestOrigin, withAudit } from "../audit/audit-writer.ts";
import { InvalidRequestError, NotFoundError } from "../infra/errors.ts";
import { type Identity, userIdentityOf } from "./identity.ts";
import type { LoginRateLimiter } from "./login-rate-limiter.ts";
import { passwordProblems } from "./password-policy.ts";
import type { PasswordHasher } from "./passwords.ts";
import { LoginRateLimitedError } from "./session-service.ts";

export interface PasswordChangeRequest {
  userId: string;
  /** The session asking: it stays signed in, the user's other sessions end. */
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  origin: RequestOrigin;
}

export interface PasswordChangeOptions {
  clock: Clock;
  passwords: PasswordHasher;
  /** The sign-in limiter: guessing the current password here costs the same as at sign-in. */
  rateLimiter: LoginRateLimiter;
}

/** A signed-in user replaces their own password, proving they know the current one. */
export class PasswordChangeService {
  constructor(
    private readonly db: Database,
    private readonly options: PasswordChangeOptions,
  ) {}

  /**
   * Stores the new password, clears "must change password" and ends the user's other sessions.
   * Returns the identity of the session that asked, as it is now. A wrong current password is
   * audited and counted against the account's sign-in attempts.
   */
  async change(request: PasswordChangeRequest): Promise<Identity> {
    const { clock, passwords, rateLimiter } = this.options;
    const found = await findUserWithPasswordHashById(this.db, request.userId);
    if (!found) throw new NotFoundError(`No user with id "${request.userId}"`);
    const { user, passwordHash } = found;
    if (passwordHash === null) {
      throw new InvalidRequestError("This account has no password of its own to change: it signs in another way");
    }
    if (request.newPassword === request.currentPassword) {
      throw new InvalidRequestError("newPassword: choose a password other than the current one");
    }
    const problems = passwordProblems(request.newPassword, user.username);
    if (problems.length > 0) throw new InvalidRequestError(`newPassword: ${problems.join("; ")}`);

    const audited: AuditedAction = {
      actor: user.username,
      actorKind: "user",
      action: "user.change-password",
      entityType: "user",
      entityId: user.id,
      ...request.origin,
    };
    const ip = request.origin.ip ?? "unknown";
    const retryAfterMs = await rateLimiter.reserveAttempt(user.username, ip);
    if (retryAfterMs > 0) {
      await appendAudit(this.db, { ...audited, outcome: "rate-limited" });
      throw new LoginRateLimitedError(retryAfterMs);
    }
    if (!(await passwords.verify(passwordHash, request.currentPassword))) {
      await appendAudit(this.db, { ...audited, outcome: "wrong-current-password" });
      throw new InvalidRequestError("currentPassword: this is not your current password");
    }
    await rateLimiter.recordSuccess(user.username, ip);

    const newHash = await passwords.hash(request.newPassword);
    const changed = await withAudit(this.db, audited, async (tx) => {
      const nowMs = clock.nowMs();
      await setPassword(tx, user.id, { passwordHash: newHash, mustChangePassword: false, atMs: nowMs });
      const otherSessionsEnded = await revokeUserSessionsExcept(tx, user.id, request.sessionId, nowMs);
      const after = await findUserById(tx, user.id);
      if (!after) throw new NotFoundError(`No user with id "${user.id}"`);
      return {
        result: after,
        before: { mustChangePassword: user.mustChangePassword },
        after: { mustChangePassword: false, otherSessionsEnded },
      };
    });
    return userIdentityOf(changed, request.sessionId);
  }
}
