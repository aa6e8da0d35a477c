import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./database.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

describe("Database", () => {
  let testDatabase: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    db = await testDatabase.open();
    await db.query("create table notes (id integer primary key, body text not null)");
  });

  afterAll(async () => {
    await db?.close();
    await testDatabase?.destroy();
  });

  it("opens the engine the environment asks for", async () => {
    expect(db.engine).toBe(testDatabase.engine);
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it("returns rows with the same JavaScript types on both engines", async () => {
    const [row] = await db.query(
      `select 9007199254740993::int8 as big, 1.25::numeric as exact, 7::int4 as small, 0.5::float8 as ratio,
              true as flag, '2024-03-01T12:00:00.123Z'::timestamptz as at, '{"gogc": 50}'::jsonb as patch,
              $1::text as label`,
      ["canary"],
    );
    expect(row).toEqual({
      big: "9007199254740993",
      exact: "1.25",
      small: 7,
      ratio: 0.5,
      flag: true,
      at: new Date("2024-03-01T12:00:00.123Z"),
      patch: { gogc: 50 },
      label: "canary",
    });
  });

  it("runs a script of several statements", async () => {
    await db.runScript("create table scratch (id integer); insert into scratch values (1), (2);");
    expect(await db.query("select count(*)::int as count from scratch")).toEqual([{ count: 2 }]);
  });

  it("commits what a transaction did", async () => {
    const result = await db.transaction(async (tx) => {
      await tx.query("insert into notes (id, body) values ($1, $2)", [1, "committed"]);
      return "done";
    });
    expect(result).toBe("done");
    expect(await db.query("select body from notes where id = 1")).toEqual([{ body: "committed" }]);
  });

  it("rolls a transaction back when its function throws, and rethrows", async () => {
    const failure = new Error("gate failed");
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into notes (id, body) values ($1, $2)", [2, "rolled back"]);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await db.query("select id from notes where id = 2")).toEqual([]);
  });

  it("rolls back when a statement in the transaction fails", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into notes (id, body) values ($1, $2)", [3, "first"]);
        await tx.query("insert into notes (id, body) values ($1, $2)", [3, "duplicate key"]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.query("select id from notes where id = 3")).toEqual([]);
  });

  it("keeps data across close and reopen of the same storage", async () => {
    await db.query("insert into notes (id, body) values ($1, $2)", [4, "survives a restart"]);
    await db.close();
    await db.close();
    db = await testDatabase.open();
    expect(await db.query("select body from notes where id = 4")).toEqual([{ body: "survives a restart" }]);
  });
});
