import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "./database.ts";
import { checksumOf, loadMigrations, type Migration } from "./load-migrations.ts";
import { runMigrations } from "./run-migrations.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

function migrationOf(version: number, name: string, sql: string): Migration {
  return { version, name, fileName: `${String(version).padStart(4, "0")}_${name}.sql`, sql, checksum: checksumOf(sql) };
}

async function recordedMigrations(db: Database) {
  return db.query<{ version: number; name: string; applied_at: Date }>(
    "select version, name, applied_at from schema_migrations order by version",
  );
}

async function tableExists(db: Database, table: string): Promise<boolean> {
  const [row] = await db.query<{ found: boolean }>("select to_regclass($1) is not null as found", [table]);
  return row?.found === true;
}

describe("runMigrations", () => {
  let testDatabase: TestDatabase;
  let db: Database | undefined;
  let shipped: Migration[];

  beforeEach(async () => {
    testDatabase = await createTestDatabase();
    shipped = await loadMigrations();
  });

  afterEach(async () => {
    await db?.close();
    db = undefined;
    await testDatabase.destroy();
  });

  it("applies each migration once when replicas start at the same time", async () => {
    const firstReplica = await testDatabase.openWithoutMigrations();
    db = firstReplica;
    // Replicas of the server each have their own pool, already connected. PGlite has one
    // connection per data dir, so there the "replicas" share it.
    const otherReplicas = await Promise.all(
      Array.from({ length: 3 }, () =>
        testDatabase.engine === "postgres" ? testDatabase.openWithoutMigrations() : firstReplica,
      ),
    );
    const replicas = [firstReplica, ...otherReplicas];
    const appliedByReplica = await Promise.all(replicas.map((replica) => runMigrations(replica)));
    await Promise.all(otherReplicas.filter((replica) => replica !== firstReplica).map((replica) => replica.close()));
    const appliedVersions = appliedByReplica
      .flat()
      .map((migration) => migration.version)
      .sort((a, b) => a - b);
    expect(appliedVersions).toEqual(shipped.map((migration) => migration.version));
    expect((await recordedMigrations(firstReplica)).map((row) => row.name)).toEqual(
      shipped.map((migration) => migration.name),
    );
    expect(await tableExists(firstReplica, "demo_faults")).toBe(true);
    expect(await tableExists(firstReplica, "audit_log")).toBe(true);
  });

  it("applies nothing again when the server restarts", async () => {
    db = await testDatabase.open();
    const recordedAtFirstStart = await recordedMigrations(db);
    await db.close();
    db = await testDatabase.open();
    expect(await recordedMigrations(db)).toEqual(recordedAtFirstStart);
    expect(await runMigrations(db)).toEqual([]);
  });

  it("stops start-up when an applied migration was edited, before applying newer ones", async () => {
    db = await testDatabase.open();
    const [firstShipped, ...laterShipped] = shipped;
    if (!firstShipped) throw new Error("no migration is shipped");
    const edited = migrationOf(firstShipped.version, firstShipped.name, `${firstShipped.sql}\n-- edited`);
    const newer = migrationOf(9001, "newer", "create table newer_table (id integer)");
    await expect(runMigrations(db, [edited, ...laterShipped, newer])).rejects.toThrow(
      new RegExp(`${firstShipped.fileName} was edited after it was applied`),
    );
    expect(await tableExists(db, "newer_table")).toBe(false);
  });

  it("rolls back a migration that fails and does not record it", async () => {
    db = await testDatabase.open();
    const failing = migrationOf(9002, "half_done", "create table half_done (id integer); select * from no_such_table;");
    await expect(runMigrations(db, [...shipped, failing])).rejects.toThrow(/no_such_table/);
    expect(await tableExists(db, "half_done")).toBe(false);
    expect((await recordedMigrations(db)).map((row) => row.version)).not.toContain(9002);
  });
});
