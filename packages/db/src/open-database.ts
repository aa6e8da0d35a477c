import type { Database } from "./database.ts";
import { openPglite } from "./pglite.ts";
import { openPostgres } from "./postgres.ts";
import { runMigrations } from "./run-migrations.ts";

export interface OpenDatabaseOptions {
  /** A `postgres://` URL. When set, PostgreSQL is used and dataDir is ignored. */
  databaseUrl?: string;
  /** Where the embedded PGlite database lives when no databaseUrl is given. */
  dataDir: string;
}

/** Opens the configured engine and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  try {
    await runMigrations(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
