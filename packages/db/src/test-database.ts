import { randomUUID } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Database, DatabaseEngine } from "./database.ts";
import { type OpenDatabaseOptions, openDatabase } from "./open-database.ts";
import { openPglite } from "./pglite.ts";
import { openPostgres } from "./postgres.ts";

/**
 * Set it to a PostgreSQL URL (scripts/pg/start-postgres.sh prints one) to run tests on PostgreSQL;
 * without it they run on PGlite.
 */
export const testDatabaseUrlVariable = "FLEETDECK_TEST_DATABASE_URL";

/** An empty PGlite data dir to copy instead of running initdb again (see test-global-setup.ts). */
export const pgliteTemplateVariable = "FLEETDECK_TEST_PGLITE_TEMPLATE";

/** Storage of its own for one test file, so that test files running at once do not collide. */
export interface TestDatabase {
  readonly engine: DatabaseEngine;
  /** What openDatabase needs to reach this storage: every open reaches the same data. */
  readonly options: OpenDatabaseOptions;
  /** Opens and migrates, as the server does at start-up. */
  open(): Promise<Database>;
  /** Opens without running migrations, for tests of the migrations themselves. */
  openWithoutMigrations(): Promise<Database>;
  /** Deletes the storage; close what was opened first. */
  destroy(): Promise<void>;
}

/** A fresh empty database: a temp PGlite dir, or a new database on the server named by the variable. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "fleetdeck-db-test-"));
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  const serverUrl = process.env[testDatabaseUrlVariable];
  if (!serverUrl) {
    const templateDir = process.env[pgliteTemplateVariable];
    if (templateDir) await cp(templateDir, dataDir, { recursive: true });
    const options = { dataDir };
    return {
      engine: "pglite",
      options,
      open: () => openDatabase(options),
      openWithoutMigrations: () => openPglite(dataDir),
      destroy: removeDataDir,
    };
  }

  // A database rather than a schema per file: advisory locks and schema_migrations are then
  // exactly as on a server of its own.
  const databaseName = `fleetdeck_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await onServer(serverUrl, `create database ${databaseName}`);
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${databaseName}`;
  const options = { databaseUrl: databaseUrl.toString(), dataDir };
  return {
    engine: "postgres",
    options,
    open: () => openDatabase(options),
    openWithoutMigrations: () => openPostgres(options.databaseUrl),
    destroy: async () => {
      await onServer(serverUrl, `drop database if exists ${databaseName} with (force)`);
      await removeDataDir();
    },
  };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const server = await openPostgres(serverUrl);
  try {
    await server.query(sql);
  } finally {
    await server.close();
  }
}

/**
 * Gives the calling test file (or describe block) a fresh migrated database: opened before its
 * tests and handed to `use`, closed and deleted after them.
 */
export function useMigratedTestDatabase(use: (db: Database) => void): void {
  let testDatabase: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    db = await testDatabase.open();
    use(db);
  });
  afterAll(async () => {
    await db?.close();
    await testDatabase?.destroy();
  });
}
