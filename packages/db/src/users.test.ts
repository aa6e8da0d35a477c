import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "./database.ts";
import { insertSession } from "./sessions.ts";
import { useMigratedTestDatabase } from "./test-database.ts";
import {
  countUsers,
  createUser,
  findUserById,
  findUserByUsername,
  findUserWithPasswordHashById,
  listEnabledAdminIds,
  listUsers,
  listUsersWithLastSignIn,
  lockAdminChanges,
  setDisabled,
  setPassword,
  setUserRoles,
  UsernameTakenError,
} from "./users.ts";

const createdAtMs = 1_700_000_000_123;

describe("users", () => {
  let db: Database;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    await db.query("delete from users");
  });

  const alice = {
    username: "Alice",
    displayName: "Alice Liddell",
    passwordHash: "$argon2id$stand-in",
    roles: ["operator", "viewer", "operator"],
    atMs: createdAtMs,
  };

  it("round-trip with their roles (sorted, once each) and times to the millisecond", async () => {
    const created = await createUser(db, alice);
    expect(created).toEqual({
      id: expect.any(String),
      username: "Alice",
      displayName: "Alice Liddell",
      roles: ["operator", "viewer"],
      disabled: false,
      mustChangePassword: false,
      hasPassword: true,
      createdAtMs,
      updatedAtMs: createdAtMs,
    });
    expect(await findUserById(db, created.id)).toEqual(created);
    expect(await findUserByUsername(db, "alice")).toEqual({ user: created, passwordHash: "$argon2id$stand-in" });
    expect(await findUserById(db, "no-such-user")).toBeNull();
    expect(await findUserByUsername(db, "bob")).toBeNull();
  });

  it("keep usernames unique ignoring case", async () => {
    await createUser(db, alice);
    await expect(createUser(db, { ...alice, username: "ALICE" })).rejects.toThrow(UsernameTakenError);
    expect(await countUsers(db)).toBe(1);
  });

  it("are never stored without their roles, nor with a role that does not exist", async () => {
    await expect(createUser(db, { ...alice, roles: ["viewer", "superuser"] })).rejects.toThrow(/user_roles/);
    expect(await countUsers(db)).toBe(0);
  });

  it("can exist without a password (e.g. OIDC only) and without roles", async () => {
    const created = await createUser(db, { ...alice, passwordHash: null, roles: [] });
    expect(created.roles).toEqual([]);
    expect((await findUserByUsername(db, "Alice"))?.passwordHash).toBeNull();
  });

  it("list by username, ignoring case", async () => {
    await createUser(db, { ...alice, username: "carol" });
    await createUser(db, { ...alice, username: "Bob" });
    await createUser(db, alice);
    expect((await listUsers(db)).map((user) => user.username)).toEqual(["Alice", "Bob", "carol"]);
    expect(await countUsers(db)).toBe(3);
  });

  it("get exactly the roles set, and say when the user is unknown", async () => {
    const created = await createUser(db, alice);
    expect(await setUserRoles(db, created.id, ["admin", "viewer"], createdAtMs + 1)).toBe(true);
    expect(await findUserById(db, created.id)).toMatchObject({
      roles: ["admin", "viewer"],
      updatedAtMs: createdAtMs + 1,
    });
    expect(await setUserRoles(db, created.id, [], createdAtMs + 2)).toBe(true);
    expect((await findUserById(db, created.id))?.roles).toEqual([]);
    expect(await setUserRoles(db, "no-such-user", ["viewer"], createdAtMs)).toBe(false);
  });

  it("change password and disabled flag", async () => {
    const created = await createUser(db, alice);
    expect(
      await setPassword(db, created.id, {
        passwordHash: "$argon2id$new",
        mustChangePassword: true,
        atMs: createdAtMs + 5,
      }),
    ).toBe(true);
    expect(await setDisabled(db, created.id, true, createdAtMs + 6)).toBe(true);
    expect(await findUserByUsername(db, "alice")).toEqual({
      user: { ...created, mustChangePassword: true, disabled: true, updatedAtMs: createdAtMs + 6 },
      passwordHash: "$argon2id$new",
    });
    expect(await setDisabled(db, "no-such-user", true, createdAtMs)).toBe(false);
    expect(
      await setPassword(db, "no-such-user", { passwordHash: null, mustChangePassword: false, atMs: createdAtMs }),
    ).toBe(false);
  });

  it("are found by id with their password hash", async () => {
    const created = await createUser(db, alice);
    expect(await findUserWithPasswordHashById(db, created.id)).toEqual({
      user: created,
      passwordHash: "$argon2id$stand-in",
    });
    expect(await findUserWithPasswordHashById(db, "no-such-user")).toBeNull();
  });

  it("list with their latest sign-in, null for an account never signed in", async () => {
    const signedIn = await createUser(db, alice);
    const never = await createUser(db, { ...alice, username: "bob" });
    for (const [idHash, createdAt] of [
      ["first", createdAtMs + 1_000],
      ["latest", createdAtMs + 9_000],
      ["between", createdAtMs + 5_000],
    ] as const) {
      await insertSession(db, {
        idHash,
        userId: signedIn.id,
        createdAtMs: createdAt,
        idleExpiresAtMs: createdAt + 1,
        absoluteExpiresAtMs: createdAt + 1,
        ip: null,
        userAgent: null,
      });
    }
    expect(await listUsersWithLastSignIn(db)).toEqual([
      { ...signedIn, lastSignInAtMs: createdAtMs + 9_000 },
      { ...never, lastSignInAtMs: null },
    ]);
  });

  it("name the enabled admins only", async () => {
    const admin = await createUser(db, { ...alice, username: "root", roles: ["admin"] });
    const disabledAdmin = await createUser(db, { ...alice, username: "former", roles: ["admin", "viewer"] });
    await createUser(db, alice);
    await setDisabled(db, disabledAdmin.id, true, createdAtMs);
    expect(await listEnabledAdminIds(db)).toEqual([admin.id]);
    await setUserRoles(db, admin.id, ["viewer"], createdAtMs);
    expect(await listEnabledAdminIds(db)).toEqual([]);
  });

  it("let one transaction at a time change who is an admin", async () => {
    const order: string[] = [];
    let firstHoldsLock: () => void = () => {};
    const locked = new Promise<void>((resolve) => {
      firstHoldsLock = resolve;
    });
    const first = db.transaction(async (tx) => {
      await lockAdminChanges(tx);
      firstHoldsLock();
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push("first done");
    });
    await locked;
    const second = db.transaction(async (tx) => {
      await lockAdminChanges(tx);
      order.push("second locked");
    });
    await Promise.all([first, second]);
    expect(order).toEqual(["first done", "second locked"]);
  });
});
