import { createUser, type Database, queryAudit, setDisabled, setUserRoles, type User } from "@fleetdeck/db";
import { useMigratedTestDatabase } from "@fleetdeck/db/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { LoginRateLimiter } from "./login-rate-limiter.ts";
import { PasswordHasher } from "./passwords.ts";
import {
  AccountDisabledError,
  InvalidCredentialsError,
  type LoginAttempt,
  LoginRateLimitedError,
  SessionService,
} from "./session-service.ts";
import { createTestPasswordHasher } from "./test-password-hasher.ts";
import { hashToken } from "./tokens.ts";

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;
const password = "correct horse battery staple";

describe("SessionService", () => {
  let db: Database;
  let alice: User;
  let nowMs: number;
  const clock = { nowMs: () => nowMs };
  const passwords = createTestPasswordHasher();
  let service: SessionService;
  /** The audit log outlives each test (it refuses DELETE): tests read the entries after this id. */
  let auditMark: number;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    nowMs = 1_700_000_000_000;
    await db.query("delete from users");
    alice = await createUser(db, {
      username: "Alice",
      displayName: "Alice Liddell",
      passwordHash: await passwords.hash(password),
      roles: ["viewer", "operator"],
      atMs: nowMs,
    });
    service = new SessionService(db, { clock, passwords, rateLimiter: new LoginRateLimiter() });
    auditMark = (await queryAudit(db, { limit: 1 })).entries[0]?.id ?? 0;
  });

  const attempt = (overrides: Partial<LoginAttempt> = {}): LoginAttempt => ({
    username: "alice",
    password,
    ip: "192.0.2.7",
    userAgent: "Firefox/140",
    requestId: "req-1",
    ...overrides,
  });

  const loginAudit = async () =>
    (await queryAudit(db, { action: "session.login", limit: 100 })).entries
      .filter((entry) => entry.id > auditMark)
      .map(({ actor, actorKind, outcome }) => ({ actor, actorKind, outcome }));

  describe("login", () => {
    it("opens a session for the right password, case-insensitive username, storing only the token's hash", async () => {
      const result = await service.login(attempt());
      expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(result.user).toEqual(alice);
      expect(result.session).toEqual({
        idHash: hashToken(result.token),
        userId: alice.id,
        createdAtMs: nowMs,
        lastSeenAtMs: nowMs,
        idleExpiresAtMs: nowMs + 12 * hourMs,
        absoluteExpiresAtMs: nowMs + 7 * dayMs,
        revokedAtMs: null,
        ip: "192.0.2.7",
        userAgent: "Firefox/140",
      });
      expect(result.identity).toEqual({
        kind: "user",
        userId: alice.id,
        username: "Alice",
        roles: ["viewer", "operator"],
        sessionId: hashToken(result.token),
        mustChangePassword: false,
        hasPassword: true,
      });
      const stored = await db.query<{ id_hash: string }>("select id_hash from sessions");
      expect(stored).toEqual([{ id_hash: hashToken(result.token) }]);
      const [entry] = (await queryAudit(db, { action: "session.login", limit: 1 })).entries;
      expect(entry).toMatchObject({
        actor: "Alice",
        actorKind: "user",
        entityId: hashToken(result.token),
        ip: "192.0.2.7",
        requestId: "req-1",
        outcome: "ok",
      });
      expect(entry?.after).toMatchObject({ method: "password", userId: alice.id });
      expect(JSON.stringify(entry)).not.toContain(result.token);
    });

    it("refuses a wrong password and an unknown user with the same error and message", async () => {
      const wrongPassword = await service.login(attempt({ password: "not the password" })).catch((error) => error);
      const unknownUser = await service.login(attempt({ username: "mallory" })).catch((error) => error);
      expect(wrongPassword).toBeInstanceOf(InvalidCredentialsError);
      expect(unknownUser).toBeInstanceOf(InvalidCredentialsError);
      expect(unknownUser.message).toBe(wrongPassword.message);
      expect(wrongPassword.message).toBe("Wrong username or password");
      expect(await db.query("select id_hash from sessions")).toEqual([]);
      expect(await loginAudit()).toEqual([
        { actor: "mallory", actorKind: "anonymous", outcome: "invalid-credentials" },
        { actor: "alice", actorKind: "anonymous", outcome: "invalid-credentials" },
      ]);
    });

    it("opens a session the same way for a sign-in proven elsewhere, storing what it needs alongside", async () => {
      const opened = await service.openSession(alice, {
        method: "oidc",
        ip: "192.0.2.9",
        userAgent: "Chromium",
        requestId: "req-oidc",
        alongside: async (tx, session) => {
          await tx.query("update sessions set user_agent = $2 where id_hash = $1", [session.idHash, "set alongside"]);
        },
      });
      expect(opened.session).toMatchObject({ userId: alice.id, idleExpiresAtMs: nowMs + 12 * hourMs, ip: "192.0.2.9" });
      expect(await service.resolve(opened.token)).toEqual(opened.identity);
      expect(await db.query("select user_agent from sessions")).toEqual([{ user_agent: "set alongside" }]);
      const [entry] = (await queryAudit(db, { action: "session.login", limit: 1 })).entries;
      expect(entry).toMatchObject({ actor: "Alice", actorKind: "user", requestId: "req-oidc", outcome: "ok" });
      expect(entry?.after).toMatchObject({ method: "oidc" });
    });

    it("opens no session when what is stored alongside fails, and audits nothing", async () => {
      const failing = service.openSession(alice, {
        method: "oidc",
        ip: "192.0.2.9",
        userAgent: null,
        requestId: "req-oidc",
        alongside: async () => {
          throw new Error("could not store the ID token");
        },
      });
      await expect(failing).rejects.toThrow("could not store the ID token");
      expect(await db.query("select id_hash from sessions")).toEqual([]);
      expect(await loginAudit()).toEqual([]);
    });

    it("refuses an account without a password", async () => {
      await createUser(db, { username: "oidc-only", displayName: "SSO", passwordHash: null, roles: [], atMs: nowMs });
      await expect(service.login(attempt({ username: "oidc-only", password: "" }))).rejects.toThrow(
        InvalidCredentialsError,
      );
    });

    it("refuses a disabled account, saying so only to whoever knows its password", async () => {
      await setDisabled(db, alice.id, true, nowMs);
      await expect(service.login(attempt({ password: "not the password" }))).rejects.toThrow(InvalidCredentialsError);
      await expect(service.login(attempt())).rejects.toThrow(AccountDisabledError);
      expect(await db.query("select id_hash from sessions")).toEqual([]);
    });

    it("is rate-limited after 5 failures at one account, naming when to retry, even with the right password", async () => {
      for (let failure = 0; failure < 5; failure++) {
        await expect(
          service.login(attempt({ password: `guess ${failure}`, ip: `198.51.100.${failure}` })),
        ).rejects.toThrow(InvalidCredentialsError);
      }
      const limited = await service.login(attempt({ ip: "198.51.100.200" })).catch((error) => error);
      expect(limited).toBeInstanceOf(LoginRateLimitedError);
      expect(limited.retryAfterMs).toBeGreaterThan(14 * minuteMs);
      expect(limited.retryAfterMs).toBeLessThanOrEqual(15 * minuteMs);
      expect(limited.message).toBe("Too many failed sign-ins; try again in 15 min");
      expect((await loginAudit())[0]).toEqual({ actor: "alice", actorKind: "anonymous", outcome: "rate-limited" });
    });

    it("rehashes a password made at an older cost when it is next used", async () => {
      const server = new SessionService(db, {
        clock,
        passwords: new PasswordHasher(),
        rateLimiter: new LoginRateLimiter(),
      });
      await server.login(attempt());
      const [row] = await db.query<{ password_hash: string }>("select password_hash from users where id = $1", [
        alice.id,
      ]);
      expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      await expect(server.login(attempt())).resolves.toBeDefined();
    });
  });

  describe("resolve", () => {
    it("names the user and their current roles", async () => {
      const { token } = await service.login(attempt());
      await setUserRoles(db, alice.id, ["approver"], nowMs);
      expect(await service.resolve(token)).toMatchObject({ kind: "user", userId: alice.id, roles: ["approver"] });
      expect(await service.resolve("not-a-session-token")).toBeNull();
    });

    it("ends a session left unused for 12 hours, and keeps one in use alive", async () => {
      const idle = await service.login(attempt());
      const used = await service.login(attempt());
      for (let use = 0; use < 3; use++) {
        nowMs += 11 * hourMs;
        expect(await service.resolve(used.token)).not.toBeNull();
      }
      expect(await service.resolve(idle.token)).toBeNull();
    });

    it("ends every session 7 days after sign-in however much it is used", async () => {
      const { token } = await service.login(attempt());
      const signedInAtMs = nowMs;
      while (nowMs + 11 * hourMs < signedInAtMs + 7 * dayMs) {
        nowMs += 11 * hourMs;
        expect(await service.resolve(token)).not.toBeNull();
      }
      nowMs = signedInAtMs + 7 * dayMs;
      expect(await service.resolve(token)).toBeNull();
    });

    it("records use at most once a minute", async () => {
      const { token, session } = await service.login(attempt());
      const lastSeen = async () =>
        (
          await db.query<{ last_seen_at: Date }>("select last_seen_at from sessions where id_hash = $1", [
            session.idHash,
          ])
        )[0]?.last_seen_at.getTime();
      nowMs += 30_000;
      await service.resolve(token);
      expect(await lastSeen()).toBe(session.createdAtMs);
      nowMs += 30_000;
      await service.resolve(token);
      expect(await lastSeen()).toBe(nowMs);
    });

    it("refuses the session of a user disabled since", async () => {
      const { token } = await service.login(attempt());
      await setDisabled(db, alice.id, true, nowMs);
      expect(await service.resolve(token)).toBeNull();
    });

    it("follows idle and absolute limits given as options", async () => {
      const short = new SessionService(db, {
        clock,
        passwords,
        rateLimiter: new LoginRateLimiter(),
        idleTimeoutMs: 10 * minuteMs,
        absoluteTimeoutMs: hourMs,
        touchIntervalMs: 0,
      });
      const { token, session } = await short.login(attempt());
      expect(session.idleExpiresAtMs - session.createdAtMs).toBe(10 * minuteMs);
      nowMs += 9 * minuteMs;
      expect(await short.resolve(token)).not.toBeNull();
      nowMs += 9 * minuteMs;
      expect(await short.resolve(token)).not.toBeNull();
      nowMs = session.createdAtMs + hourMs;
      expect(await short.resolve(token)).toBeNull();
    });

    it("keeps a short-idle session alive while it is used, recording use within half the idle time", async () => {
      const secondMs = 1_000;
      const strict = new SessionService(db, {
        clock,
        passwords,
        rateLimiter: new LoginRateLimiter(),
        idleTimeoutMs: 10 * secondMs,
      });
      const { token } = await strict.login(attempt());
      for (let step = 0; step < 6; step++) {
        nowMs += 6 * secondMs;
        expect(await strict.resolve(token), `after ${(step + 1) * 6} s of use`).not.toBeNull();
      }
      nowMs += 11 * secondMs;
      expect(await strict.resolve(token)).toBeNull();
    });
  });

  describe("logout", () => {
    it("revokes the session for good and records it", async () => {
      const { token, session } = await service.login(attempt());
      const other = await service.login(attempt());
      expect(await service.logout(token, { ip: "192.0.2.8", requestId: "req-2" })).toBe(true);
      expect(await service.resolve(token)).toBeNull();
      expect(await service.resolve(other.token)).not.toBeNull();
      expect(await service.logout(token, { ip: "192.0.2.8", requestId: "req-3" })).toBe(false);
      const logouts = (await queryAudit(db, { action: "session.logout", entityId: session.idHash, limit: 10 })).entries;
      expect(logouts).toEqual([
        expect.objectContaining({
          actor: "Alice",
          actorKind: "user",
          ip: "192.0.2.8",
          requestId: "req-2",
          outcome: "ok",
        }),
      ]);
      expect(logouts[0]?.after).toMatchObject({ revokedAtMs: nowMs });
    });
  });
});
