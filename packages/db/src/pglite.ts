import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdir, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite, type Transaction, types } from "@electric-sql/pglite";
import type { Database, Queryable } from "./database.ts";
import { messageOf } from "./error-message.ts";

const execFileAsync = promisify(execFile);

/** Opens (creating on first use) an embedded PGlite database stored in dataDir. */
export async function openPglite(dataDir: string): Promise<Database> {
  // An absolute path also keeps PGlite from reading a prefix such as "idb://" or "memory://" as a
  // storage kind instead of a directory.
  const directory = path.resolve(dataDir);
  const fresh = await prepareDataDirectory(directory);
  // initdb grows PGlite's WebAssembly memory to several hundred MiB, and WebAssembly memory never
  // shrinks: a short-lived child process creates the database, this one only opens it
  // (measured: about 850 → 215 MiB RSS).
  if (fresh) await initializeInChildProcess(directory);
  const pglite = await createPglite(directory);
  let closed = false;
  return {
    engine: "pglite",
    ...queryableOf(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(queryableOf(tx))),
    ping: async () => {
      await pglite.query("select 1");
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pglite.close();
    },
  };
}

/** The console's tables are small; PostgreSQL's default 128 MB of shared buffers would be most of
 * the process's memory (measured: 337 → 215 MiB RSS with 16 MB). */
const postgresqlConf = ["shared_buffers=16MB"];

function createPglite(directory: string): Promise<PGlite> {
  return PGlite.create(directory, {
    // node-postgres returns int8 as a string because it can exceed 2^53; PGlite would return a
    // lossy number. Do as node-postgres does so rows look the same on both engines.
    parsers: { [types.INT8]: (text: string) => text },
    postgresqlconf: postgresqlConf,
  }).catch((error: unknown) => {
    throw new Error(`Cannot open the PGlite database in ${directory}: ${messageOf(error)}`, { cause: error });
  });
}

async function initializeInChildProcess(directory: string): Promise<void> {
  // The same PGlite this module uses, wherever it is installed (sources or bundle).
  const pgliteEntry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const script = `
    const { PGlite } = require(${JSON.stringify(pgliteEntry)});
    PGlite.create(${JSON.stringify(directory)}, { postgresqlconf: ${JSON.stringify(postgresqlConf)} })
      .then((db) => db.close())
      .catch((error) => { console.error(error.message); process.exit(1); });`;
  try {
    await execFileAsync(process.execPath, ["--eval", script]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Cannot create the PGlite database in ${directory}: ${stderr || messageOf(error)}`, {
      cause: error,
    });
  }
}

/** Checks the directory and says whether it is new (PGlite will run initdb in it). */
async function prepareDataDirectory(directory: string): Promise<boolean> {
  try {
    await mkdir(directory, { recursive: true });
  } catch (error) {
    throw new Error(`Cannot create the PGlite data directory ${directory}: ${messageOf(error)}`, { cause: error });
  }
  try {
    await access(directory, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new Error(`The PGlite data directory ${directory} is not writable: ${messageOf(error)}`, { cause: error });
  }
  // PGlite would run initdb among whatever files are there, e.g. in a home directory given by mistake.
  const entries = await readdir(directory);
  if (entries.length > 0 && !entries.includes("PG_VERSION")) {
    throw new Error(
      `The PGlite data directory ${directory} holds other files and no database: ` +
        "give an empty directory (on a mounted volume, a subdirectory of it, as for PostgreSQL)",
    );
  }
  return entries.length === 0;
}

function queryableOf(connection: PGlite | Transaction): Queryable {
  return {
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await connection.query<Row>(sql, [...params])).rows,
    runScript: async (sql: string) => {
      await connection.exec(sql);
    },
  };
}
