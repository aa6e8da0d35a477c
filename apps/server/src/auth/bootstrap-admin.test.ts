import { type Database, findUserByUsername, listUsers, queryAudit } from "@fleetdeck/db";
import { createTestDatabase, type TestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bootstrapAdmin } from "./bootstrap-admin.ts";
import { passwordProblems } from "./password-policy.ts";
import { createTestPasswordHasher } from "./test-password-hasher.ts";

describe("bootstrapAdmin", () => {
  let testDatabase: TestDatabase;
  let db: Database;
  const passwords = createTestPasswordHasher();
  const clock = { nowMs: () => 1_700_000_000_000 };

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    db = await testDatabase.open();
  });

  beforeEach(async () => {
    await db.query("delete from users");
  });

  afterAll(async () => {
    await db?.close();
    await testDatabase?.destroy();
  });

  it("creates one admin with every role and a generated password to change at first sign-in, once", async () => {
    const first = await bootstrapAdmin(db, { passwords, clock });
    if (!first.created) throw new Error("expected the admin to be created");
    const { generatedPassword } = first;
    expect(first.username).toBe("admin");
    expect(generatedPassword).not.toBeNull();
    expect(passwordProblems(generatedPassword ?? "", "admin")).toEqual([]);

    const stored = await findUserByUsername(db, "admin");
    expect(stored?.user).toMatchObject({
      roles: ["admin", "approver", "operator", "viewer"],
      mustChangePassword: true,
      disabled: false,
      createdAtMs: 1_700_000_000_000,
    });
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await passwords.verify(stored?.passwordHash ?? "", generatedPassword ?? "")).toBe(true);

    const [created] = (await queryAudit(db, { action: "user.create", entityId: stored?.user.id, limit: 10 })).entries;
    expect(created).toMatchObject({ actor: "fleetdeck", actorKind: "system", entityType: "user" });
    expect(JSON.stringify(created)).not.toContain(generatedPassword);

    expect(await bootstrapAdmin(db, { passwords, clock })).toEqual({ created: false });
    expect(await bootstrapAdmin(db, { passwords, clock, adminPassword: "another long password" })).toEqual({
      created: false,
    });
    expect((await listUsers(db)).map((user) => user.username)).toEqual(["admin"]);
  });

  it("uses FLEETDECK_ADMIN_PASSWORD when given, which the operator chose and need not change", async () => {
    const result = await bootstrapAdmin(db, { passwords, clock, adminPassword: "a configured passphrase" });
    expect(result).toEqual({ created: true, username: "admin", generatedPassword: null });
    const stored = await findUserByUsername(db, "admin");
    expect(stored?.user.mustChangePassword).toBe(false);
    expect(await passwords.verify(stored?.passwordHash ?? "", "a configured passphrase")).toBe(true);
  });

  it("refuses a configured password that breaks the policy, without echoing it", async () => {
    const refused = await bootstrapAdmin(db, { passwords, clock, adminPassword: "hunter2" }).catch((error) => error);
    expect(refused.message).toBe(
      "FLEETDECK_ADMIN_PASSWORD does not meet the password policy: Use at least 12 characters",
    );
    expect(refused.message).not.toContain("hunter2");
    expect(await listUsers(db)).toEqual([]);
  });

  it("leaves existing users alone", async () => {
    await bootstrapAdmin(db, { passwords, clock });
    await db.query("update users set username = 'root'");
    expect(await bootstrapAdmin(db, { passwords, clock })).toEqual({ created: false });
    expect((await listUsers(db)).map((user) => user.username)).toEqual(["root"]);
  });

  it("creates exactly one admin when replicas start at the same time", async () => {
    // Replicas have their own connections on PostgreSQL; PGlite has one, which they share.
    const replicas =
      testDatabase.engine === "postgres" ? await Promise.all([1, 2, 3].map(() => testDatabase.open())) : [db, db, db];
    try {
      const results = await Promise.all(replicas.map((replica) => bootstrapAdmin(replica, { passwords, clock })));
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(await listUsers(db)).toHaveLength(1);
    } finally {
      await Promise.all(replicas.filter((replica) => replica !== db).map((replica) => replica.close()));
    }
  });
});
