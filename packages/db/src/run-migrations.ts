import type { Database, Queryable } from "./database.ts";
import { loadMigrations, type Migration } from "./load-migrations.ts";

/**
 * Serialises migrations between server replicas that start at once on one PostgreSQL database.
 * The number is arbitrary but must never change, and other advisory locks in Fleetdeck must use
 * other keys. (On PGlite, a single connection, the lock is granted at once.)
 */
const migrationLockKey = 7_316_210_001;

const createMigrationsTableSql = `
  create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`;

/**
 * Applies the migrations not yet recorded in schema_migrations, in version order, each in its own
 * transaction. Returns the ones this call applied (none on a restart). Throws, applying nothing
 * further, when a file was edited after it was applied.
 */
export async function runMigrations(db: Database, migrations?: readonly Migration[]): Promise<Migration[]> {
  const ordered = migrations ?? (await loadMigrations());
  await db.transaction(async (tx) => {
    await lockMigrations(tx);
    await tx.query(createMigrationsTableSql);
  });
  const applied: Migration[] = [];
  for (const migration of ordered) {
    // Checked again under the lock: another replica may have applied it a moment ago.
    const appliedNow = await db.transaction(async (tx) => {
      await lockMigrations(tx);
      const recordedChecksum = await recordedChecksumOf(tx, migration);
      if (recordedChecksum !== undefined) {
        assertUnchanged(migration, recordedChecksum);
        return false;
      }
      await tx.runScript(migration.sql);
      await tx.query("insert into schema_migrations (version, name, checksum) values ($1, $2, $3)", [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (appliedNow) applied.push(migration);
  }
  return applied;
}

/** Held until the transaction ends, so a crash cannot leave it taken. */
async function lockMigrations(tx: Queryable): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(${migrationLockKey})`);
}

async function recordedChecksumOf(tx: Queryable, migration: Migration): Promise<string | undefined> {
  const rows = await tx.query<{ checksum: string }>("select checksum from schema_migrations where version = $1", [
    migration.version,
  ]);
  return rows[0]?.checksum;
}

function assertUnchanged(migration: Migration, recordedChecksum: string): void {
  if (recordedChecksum === migration.checksum) return;
  throw new Error(
    `Migration ${migration.fileName} was edited after it was applied to this database ` +
      `(sha256 then ${recordedChecksum.slice(0, 12)}…, now ${migration.checksum.slice(0, 12)}…). ` +
      "Start-up stopped: restore the file as it was applied and put the change in a new migration.",
  );
}
