import { createUser, type Database, queryAudit, setPassword, type User } from "@fleetdeck/db";
import { useMigratedTestDatabase } from "@fleetdeck/db/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { InvalidRequestError } from "../infra/errors.ts";
import { LoginRateLimiter } from "./login-rate-limiter.ts";
import { type PasswordChangeRequest, PasswordChangeService } from "./password-change.ts";
import { LoginRateLimitedError, SessionService } from "./session-service.ts";
import { createTestPasswordHasher } from "./test-password-hasher.ts";

const t0 = 1_700_000_000_000;
const oldPassword = "generated-first-password";
const newPassword = "my own choice of passphrase";

describe("PasswordChangeService", () => {
  let db: Database;
  let nowMs: number;
  const clock = { nowMs: () => nowMs };
  const passwords = createTestPasswordHasher();
  let rateLimiter: LoginRateLimiter;
  let sessions: SessionService;
  let passwordChange: PasswordChangeService;
  let dana: User;
  let auditMark: number;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    nowMs = t0;
    await db.query("delete from users");
    rateLimiter = new LoginRateLimiter();
    sessions = new SessionService(db, { clock, passwords, rateLimiter });
    passwordChange = new PasswordChangeService(db, { clock, passwords, rateLimiter });
    dana = await createUser(db, {
      username: "dana",
      displayName: "Dana",
      passwordHash: await passwords.hash(oldPassword),
      roles: ["operator"],
      mustChangePassword: true,
      atMs: t0,
    });
    auditMark = (await queryAudit(db, { limit: 1 })).entries[0]?.id ?? 0;
  });

  const signIn = (password = oldPassword) =>
    sessions.login({ username: "dana", password, ip: "192.0.2.4", userAgent: null, requestId: "login" });
  const changeFrom = (sessionId: string, overrides: Partial<PasswordChangeRequest> = {}) =>
    passwordChange.change({
      userId: dana.id,
      sessionId,
      currentPassword: oldPassword,
      newPassword,
      origin: { ip: "192.0.2.4", requestId: "req-9" },
      ...overrides,
    });
  const changeAudit = async () =>
    (await queryAudit(db, { action: "user.change-password", limit: 100 })).entries
      .filter((entry) => entry.id > auditMark)
      .map(({ actor, entityId, outcome, before, after }) => ({ actor, entityId, outcome, before, after }));

  it("stores the new password, clears the must-change flag and ends only the other sessions", async () => {
    const here = await signIn();
    const elsewhere = await signIn();
    nowMs = t0 + 1_000;
    const identity = await changeFrom(here.session.idHash);
    expect(identity).toMatchObject({ kind: "user", userId: dana.id, mustChangePassword: false });
    expect(identity.sessionId).toBe(here.session.idHash);
    expect(await sessions.resolve(here.token)).toMatchObject({ mustChangePassword: false });
    expect(await sessions.resolve(elsewhere.token)).toBeNull();
    await expect(signIn()).rejects.toThrow("Wrong username or password");
    await expect(signIn(newPassword)).resolves.toBeDefined();
    expect(await changeAudit()).toEqual([
      {
        actor: "dana",
        entityId: dana.id,
        outcome: "ok",
        before: { mustChangePassword: true },
        after: { mustChangePassword: false, otherSessionsEnded: 1 },
      },
    ]);
    expect(JSON.stringify(await queryAudit(db, { limit: 100 }))).not.toContain(newPassword);
  });

  it("refuses a wrong current password, audits it and counts it against sign-in", async () => {
    const here = await signIn();
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(changeFrom(here.session.idHash, { currentPassword: `guess ${attempt}` })).rejects.toThrow(
        new InvalidRequestError("currentPassword: this is not your current password"),
      );
    }
    // The five wrong guesses used up the account's attempts, for sign-in and for this alike.
    await expect(changeFrom(here.session.idHash)).rejects.toThrow(LoginRateLimitedError);
    await expect(signIn()).rejects.toThrow(LoginRateLimitedError);
    const outcomes = (await changeAudit()).map((entry) => entry.outcome);
    expect(outcomes).toEqual(["rate-limited", ...Array(5).fill("wrong-current-password")]);
  });

  it("refuses a new password the policy refuses, or the current one again, naming the field", async () => {
    const here = await signIn();
    await expect(changeFrom(here.session.idHash, { newPassword: "too short" })).rejects.toThrow(
      new InvalidRequestError("newPassword: Use at least 12 characters"),
    );
    await expect(changeFrom(here.session.idHash, { newPassword: "dana's new passphrase" })).rejects.toThrow(
      "newPassword: Do not include the username",
    );
    await expect(changeFrom(here.session.idHash, { newPassword: oldPassword })).rejects.toThrow(
      "newPassword: choose a password other than the current one",
    );
    expect(await changeAudit()).toEqual([]);
  });

  it("has nothing to change for an account without a password of its own", async () => {
    const here = await signIn();
    await setPassword(db, dana.id, { passwordHash: null, mustChangePassword: false, atMs: t0 });
    await expect(changeFrom(here.session.idHash)).rejects.toThrow(
      "This account has no password of its own to change: it signs in another way",
    );
  });
});
