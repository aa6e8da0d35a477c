import {
  appendAudit,
  type Database,
  findActiveSession,
  findUserByUsername,
  insertSession,
  type Queryable,
  revokeSession,
  type Session,
  setPassword,
  touchSession,
  type User,
} from "@fleetdeck/db";
import type { Clock } from "@fleetdeck/sources";
import { type AuditedAction, type RequestOrigin, withAudit } from "../audit/audit-writer.ts";
import { type Identity, userIdentityOf } from "./identity.ts";
import type { LoginRateLimiter } from "./login-rate-limiter.ts";
import type { PasswordHasher } from "./passwords.ts";
import { generateSessionToken, hashToken } from "./tokens.ts";

const hourMs = 3_600_000;

export interface SessionServiceOptions {
  clock: Clock;
  passwords: PasswordHasher;
  rateLimiter: LoginRateLimiter;
  /** A session unused for this long ends. Default 12 hours. */
  idleTimeoutMs?: number;
  /** A session ends this long after sign-in, however much it is used. Default 7 days. */
  absoluteTimeoutMs?: number;
  /**
   * Use is recorded at most this often, to spare the database a write per request; the idle
   * expiry is exact to within this much. Default 1 minute, or half the idle timeout if shorter.
   */
  touchIntervalMs?: number;
}

export interface LoginAttempt extends RequestOrigin {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

/** How a person proved who they are. */
export type SignInMethod = "password" | "oidc";

export interface SessionOpening extends RequestOrigin {
  method: SignInMethod;
  ip: string;
  userAgent: string | null;
  /** What else the sign-in stores, in the session's transaction (a rehashed password, the ID token). */
  alongside?: (tx: Queryable, session: Session) => Promise<void>;
}

export interface LoginResult {
  /** The session's secret, for the cookie: shown this once, only its hash is stored. */
  token: string;
  session: Session;
  user: User;
  identity: Identity;
}

/** The same message for an unknown user and a wrong password, so that sign-in does not reveal which accounts exist. */
export class InvalidCredentialsError extends Error {
  constructor() {
    super("Wrong username or password");
  }
}

/** Only said after the right password, so it does not reveal which accounts are disabled. */
export class AccountDisabledError extends Error {
  constructor() {
    super("This account is disabled; ask an administrator");
  }
}

export class LoginRateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`Too many failed sign-ins; try again in ${Math.ceil(retryAfterMs / 60_000)} min`);
  }
}

/** Sign-in with a password, browser sessions stored in the database, and sign-out. */
export class SessionService {
  private readonly clock: Clock;
  private readonly passwords: PasswordHasher;
  private readonly rateLimiter: LoginRateLimiter;
  private readonly idleTimeoutMs: number;
  private readonly absoluteTimeoutMs: number;
  private readonly touchIntervalMs: number;
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly db: Database,
    options: SessionServiceOptions,
  ) {
    this.clock = options.clock;
    this.passwords = options.passwords;
    this.rateLimiter = options.rateLimiter;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 12 * hourMs;
    this.absoluteTimeoutMs = options.absoluteTimeoutMs ?? 7 * 24 * hourMs;
    // A short idle timeout (tests, strict deployments) needs use recorded more often than it.
    this.touchIntervalMs = options.touchIntervalMs ?? Math.min(60_000, this.idleTimeoutMs / 2);
  }

  /**
   * Checks the password and opens a session. Every attempt leaves an audit row; refusals throw
   * InvalidCredentialsError, AccountDisabledError or LoginRateLimitedError.
   */
  async login(attempt: LoginAttempt): Promise<LoginResult> {
    const retryAfterMs = await this.rateLimiter.reserveAttempt(attempt.username, attempt.ip);
    if (retryAfterMs > 0) {
      await this.auditRefusal(attempt, "rate-limited");
      throw new LoginRateLimitedError(retryAfterMs);
    }

    const found = await findUserByUsername(this.db, attempt.username);
    // An unknown user costs a hash check too, so the time taken does not tell them apart.
    const passwordHash = found?.passwordHash ?? (await this.hashThatMatchesNothing());
    const passwordMatches = await this.passwords.verify(passwordHash, attempt.password);
    if (!found || found.passwordHash === null || !passwordMatches) {
      await this.auditRefusal(attempt, "invalid-credentials");
      throw new InvalidCredentialsError();
    }
    const { user } = found;
    if (user.disabled) {
      await this.auditRefusal(attempt, "account-disabled");
      throw new AccountDisabledError();
    }
    await this.rateLimiter.recordSuccess(attempt.username, attempt.ip);

    const rehashed = this.passwords.needsRehash(found.passwordHash)
      ? await this.passwords.hash(attempt.password)
      : null;
    return this.openSession(user, {
      method: "password",
      ip: attempt.ip,
      userAgent: attempt.userAgent,
      requestId: attempt.requestId,
      alongside: async (tx) => {
        if (rehashed === null) return;
        await setPassword(tx, user.id, {
          passwordHash: rehashed,
          mustChangePassword: user.mustChangePassword,
          atMs: this.clock.nowMs(),
        });
      },
    });
  }

  /**
   * Opens a session for a user whose identity was just proven (a password checked, or an OIDC
   * callback verified), with its `session.login` audit row in the same transaction. Both sign-in
   * paths come through here, so sessions have the same lifetimes and audit whichever way they began.
   */
  async openSession(user: User, opening: SessionOpening): Promise<LoginResult> {
    const token = generateSessionToken();
    const nowMs = this.clock.nowMs();
    const absoluteExpiresAtMs = nowMs + this.absoluteTimeoutMs;
    const newSession = {
      idHash: hashToken(token),
      userId: user.id,
      createdAtMs: nowMs,
      idleExpiresAtMs: Math.min(nowMs + this.idleTimeoutMs, absoluteExpiresAtMs),
      absoluteExpiresAtMs,
      ip: opening.ip,
      userAgent: opening.userAgent,
    };
    const session = await withAudit(
      this.db,
      {
        actor: user.username,
        actorKind: "user",
        action: "session.login",
        entityType: "session",
        entityId: newSession.idHash,
        ip: opening.ip,
        requestId: opening.requestId,
      },
      async (tx) => {
        const inserted = await insertSession(tx, newSession);
        await opening.alongside?.(tx, inserted);
        return { result: inserted, after: { ...sessionSummaryOf(inserted), method: opening.method } };
      },
    );
    return { token, session, user, identity: userIdentityOf(user, session.idHash) };
  }

  /** Who holds this session token, or null when it is unknown, revoked, expired or its user disabled. */
  async resolve(token: string): Promise<Identity | null> {
    const nowMs = this.clock.nowMs();
    const idHash = hashToken(token);
    const found = await findActiveSession(this.db, idHash, nowMs);
    if (!found || found.user.disabled) return null;
    const { session } = found;
    if (nowMs - session.lastSeenAtMs >= this.touchIntervalMs) {
      await touchSession(this.db, idHash, {
        lastSeenAtMs: nowMs,
        idleExpiresAtMs: Math.min(nowMs + this.idleTimeoutMs, session.absoluteExpiresAtMs),
      });
    }
    return userIdentityOf(found.user, idHash);
  }

  /** Ends the session for good. Returns false when it had already ended. */
  async logout(token: string, origin: RequestOrigin): Promise<boolean> {
    const nowMs = this.clock.nowMs();
    const idHash = hashToken(token);
    const found = await findActiveSession(this.db, idHash, nowMs);
    if (!found) return false;
    const logout: AuditedAction = {
      actor: found.user.username,
      actorKind: "user",
      action: "session.logout",
      entityType: "session",
      entityId: idHash,
      ...origin,
    };
    return withAudit(this.db, logout, async (tx) => {
      const revoked = await revokeSession(tx, idHash, nowMs);
      return {
        result: revoked,
        unchanged: !revoked,
        before: sessionSummaryOf(found.session),
        after: { ...sessionSummaryOf(found.session), revokedAtMs: nowMs },
      };
    });
  }

  private async auditRefusal(attempt: LoginAttempt, outcome: string): Promise<void> {
    await appendAudit(this.db, {
      // What was typed, bounded: it names no account when the account does not exist.
      actor: attempt.username.slice(0, 128),
      actorKind: "anonymous",
      action: "session.login",
      entityType: "session",
      ip: attempt.ip,
      requestId: attempt.requestId,
      after: { method: "password" },
      outcome,
    });
  }

  private hashThatMatchesNothing(): Promise<string> {
    this.dummyHash ??= this.passwords.hash(generateSessionToken());
    return this.dummyHash;
  }
}

function sessionSummaryOf(session: Session) {
  return {
    userId: session.userId,
    userAgent: session.userAgent,
    idleExpiresAtMs: session.idleExpiresAtMs,
    absoluteExpiresAtMs: session.absoluteExpiresAtMs,
  };
}
