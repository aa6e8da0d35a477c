import { createUser, type Database, findUserByUsername, queryAudit, type User } from "@fleetdeck/db";
import { useMigratedTestDatabase } from "@fleetdeck/db/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { ApiTokenService } from "../auth/api-token-service.ts";
import { LoginRateLimiter } from "../auth/login-rate-limiter.ts";
import { SessionService } from "../auth/session-service.ts";
import { createTestPasswordHasher } from "../auth/test-password-hasher.ts";
import { InvalidRequestError, NotFoundError } from "../infra/errors.ts";
import { type AccountAdministrator, UserAdmin } from "./user-admin.ts";

const t0 = 1_700_000_000_000;
const password = "a long enough passphrase";
const temporaryPassword = "temporary passphrase 41";

describe("UserAdmin", () => {
  let db: Database;
  let nowMs: number;
  const clock = { nowMs: () => nowMs };
  const passwords = createTestPasswordHasher();
  let users: UserAdmin;
  let sessions: SessionService;
  let root: User;
  let casey: User;
  /** The audit log refuses DELETE, so tests read only what was appended after this id. */
  let auditMark: number;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  const account = (username: string, roles: string[]) =>
    createUser(db, { username, displayName: username, passwordHash: null, roles, atMs: t0 }).then(async (user) => {
      await db.query("update users set password_hash = $2 where id = $1", [user.id, await passwords.hash(password)]);
      return user;
    });
  const by = (user: User): AccountAdministrator => ({
    userId: user.id,
    audit: { actor: user.username, actorKind: "user", ip: "192.0.2.1", requestId: "req-7" },
  });
  const signIn = (username: string, pass = password) =>
    sessions.login({ username, password: pass, ip: "192.0.2.9", userAgent: null, requestId: "login" });
  const auditSince = async (action: string) =>
    (await queryAudit(db, { action, limit: 100 })).entries.filter((entry) => entry.id > auditMark);

  beforeEach(async () => {
    nowMs = t0;
    await db.query("delete from users");
    users = new UserAdmin(db, passwords, clock);
    sessions = new SessionService(db, { clock, passwords, rateLimiter: new LoginRateLimiter() });
    root = await account("root", ["admin", "viewer"]);
    casey = await account("casey", ["viewer"]);
    auditMark = (await queryAudit(db, { limit: 1 })).entries[0]?.id ?? 0;
  });

  describe("list", () => {
    it("shows each account with its last sign-in", async () => {
      nowMs = t0 + 5_000;
      await signIn("casey");
      const listed = await users.list();
      expect(listed.map(({ username, lastSignInAtMs }) => ({ username, lastSignInAtMs }))).toEqual([
        { username: "casey", lastSignInAtMs: t0 + 5_000 },
        { username: "root", lastSignInAtMs: null },
      ]);
    });
  });

  describe("setRoles", () => {
    it("gives exactly the roles asked for and audits before and after", async () => {
      nowMs = t0 + 1;
      const changed = await users.setRoles(casey.id, ["operator", "viewer", "operator"], by(root));
      expect(changed).toMatchObject({ id: casey.id, roles: ["operator", "viewer"], updatedAtMs: t0 + 1 });
      const [entry, ...more] = await auditSince("user.set-roles");
      expect(more).toEqual([]);
      expect(entry).toMatchObject({
        actor: "root",
        entityType: "user",
        entityId: casey.id,
        ip: "192.0.2.1",
        before: { username: "casey", roles: ["viewer"] },
        after: { username: "casey", roles: ["operator", "viewer"] },
      });
    });

    it("writes no audit row when the roles are already those", async () => {
      await users.setRoles(casey.id, ["viewer"], by(root));
      expect(await auditSince("user.set-roles")).toEqual([]);
    });

    it("refuses no role at all, an unknown user, and taking one's own admin role", async () => {
      await expect(users.setRoles(casey.id, [], by(root))).rejects.toThrow(
        new InvalidRequestError("roles: give the account at least one role"),
      );
      await expect(users.setRoles("no-such-user", ["viewer"], by(root))).rejects.toThrow(NotFoundError);
      await account("second-admin", ["admin"]);
      await expect(users.setRoles(root.id, ["viewer"], by(root))).rejects.toThrow(
        new InvalidRequestError("You cannot remove your own admin role; ask another admin"),
      );
      expect((await findUserByUsername(db, "root"))?.user.roles).toEqual(["admin", "viewer"]);
    });

    it("never takes the admin role from the last enabled admin", async () => {
      const other = await account("other-admin", ["admin"]);
      await users.setRoles(root.id, ["viewer"], by(other));
      await expect(users.setRoles(other.id, ["operator"], by(other))).rejects.toThrow(InvalidRequestError);
      // A viewer-only caller cannot reach this service (the router needs "administer"); the rule
      // holds whoever asks.
      await expect(users.setRoles(other.id, ["operator"], by(casey))).rejects.toThrow(
        new InvalidRequestError("other-admin is the last enabled admin: make another account admin first"),
      );
      expect(await auditSince("user.set-roles")).toHaveLength(1);
    });
  });

  describe("setDisabled", () => {
    it("disables an account and ends its sessions in the same change, then enables it again", async () => {
      const first = await signIn("casey");
      const second = await signIn("casey");
      const rootSession = await signIn("root");
      nowMs = t0 + 10;
      expect(await users.setDisabled(casey.id, true, by(root))).toMatchObject({ disabled: true, updatedAtMs: t0 + 10 });
      expect(await sessions.resolve(first.token)).toBeNull();
      expect(await sessions.resolve(second.token)).toBeNull();
      expect(await sessions.resolve(rootSession.token)).not.toBeNull();
      const [revoked] = await db.query<{ open: number }>(
        "select count(*)::int as open from sessions where user_id = $1 and revoked_at is null",
        [casey.id],
      );
      expect(revoked?.open).toBe(0);

      expect(await users.setDisabled(casey.id, false, by(root))).toMatchObject({ disabled: false });
      expect(await sessions.resolve(first.token)).toBeNull();
      await expect(signIn("casey")).resolves.toBeDefined();
      expect((await auditSince("user.disable"))[0]).toMatchObject({
        entityId: casey.id,
        before: { disabled: false },
        after: { disabled: true, sessionsEnded: 2 },
      });
      expect(await auditSince("user.enable")).toHaveLength(1);
    });

    it("stops the account's API tokens", async () => {
      const tokens = new ApiTokenService(db, { clock });
      const { token } = await tokens.create({ userId: casey.id, name: "ci", roles: ["viewer"] }, by(casey).audit);
      expect(await tokens.resolveBearer(`Bearer ${token}`)).not.toBeNull();
      await users.setDisabled(casey.id, true, by(root));
      expect(await tokens.resolveBearer(`Bearer ${token}`)).toBeNull();
    });

    it("refuses disabling oneself, and the last enabled admin", async () => {
      await expect(users.setDisabled(root.id, true, by(root))).rejects.toThrow(
        new InvalidRequestError("You cannot disable your own account"),
      );
      const other = await account("other-admin", ["admin"]);
      await users.setDisabled(other.id, true, by(root));
      await users.setRoles(casey.id, ["admin"], by(root));
      await users.setDisabled(root.id, true, by(casey));
      await expect(users.setDisabled(casey.id, true, by(root))).rejects.toThrow(
        new InvalidRequestError("casey is the last enabled admin: make another account admin first"),
      );
      expect((await findUserByUsername(db, "casey"))?.user.disabled).toBe(false);
    });

    it("lets only one of two admins disabling each other at the same moment succeed", async () => {
      // Many rounds, since a race shows only when both read the admins before either writes.
      for (let round = 0; round < 20; round++) {
        const first = await account(`first-${round}`, ["admin"]);
        const second = await account(`second-${round}`, ["admin"]);
        await db.query("update users set disabled = true where id not in ($1, $2)", [first.id, second.id]);
        const outcomes = await Promise.allSettled([
          users.setDisabled(second.id, true, by(first)),
          users.setDisabled(first.id, true, by(second)),
        ]);
        const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
        expect(refused, `round ${round}`).toEqual([expect.any(InvalidRequestError)]);
        const [left] = await db.query<{ admins: number }>(
          `select count(*)::int as admins from users u join user_roles r on r.user_id = u.id
           where r.role = 'admin' and not u.disabled`,
        );
        expect(left?.admins, `round ${round}`).toBe(1);
      }
    });

    it("writes no audit row when nothing changes", async () => {
      await users.setDisabled(casey.id, false, by(root));
      expect(await auditSince("user.enable")).toEqual([]);
    });
  });

  describe("resetPassword", () => {
    it("sets a temporary password to change at next sign-in and ends the user's sessions", async () => {
      const open = await signIn("casey");
      nowMs = t0 + 20;
      const reset = await users.resetPassword(casey.id, temporaryPassword, by(root));
      expect(reset).toMatchObject({ mustChangePassword: true, updatedAtMs: t0 + 20 });
      expect(await sessions.resolve(open.token)).toBeNull();
      await expect(signIn("casey")).rejects.toThrow("Wrong username or password");
      const signedIn = await signIn("casey", temporaryPassword);
      expect(signedIn.identity.mustChangePassword).toBe(true);

      const [entry] = await auditSince("user.reset-password");
      expect(entry).toMatchObject({
        actor: "root",
        entityId: casey.id,
        before: { mustChangePassword: false },
        after: { mustChangePassword: true, sessionsEnded: 1 },
      });
      expect(JSON.stringify(entry)).not.toContain(temporaryPassword);
    });

    it("holds the temporary password to the policy, naming the field", async () => {
      await expect(users.resetPassword(casey.id, "short", by(root))).rejects.toThrow(
        new InvalidRequestError("password: Use at least 12 characters"),
      );
      await expect(users.resetPassword(casey.id, "casey-is-my-name", by(root))).rejects.toThrow(
        "password: Do not include the username",
      );
      await expect(users.resetPassword("no-such-user", temporaryPassword, by(root))).rejects.toThrow(NotFoundError);
      expect(await auditSince("user.reset-password")).toEqual([]);
    });

    it("sends an admin to Change password for their own", async () => {
      await expect(users.resetPassword(root.id, temporaryPassword, by(root))).rejects.toThrow(
        "To change your own password use Change password, which asks for the current one",
      );
    });
  });
});
