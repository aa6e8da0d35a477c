import { constants } from "node:fs";
import { access, mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { PGlite, type Transaction, types } from "@electric-sql/pglite";
import type { Database, Queryable } from "./database.ts";
import { messageOf } from "./error-message.ts";

/** Opens (creating on first use) an embedded PGlite database stored in dataDir. */
export async function openPglite(dataDir: string): Promise<Database> {
  // An absolute path also keeps PGlite from reading a prefix such as "idb://" or "memory://" as a
  // storage kind instead of a directory.
  const directory = path.resolve(dataDir);
  await prepareDataDirectory(directory);
  const pglite = await PGlite.create(directory, {
    // node-postgres returns int8 as a string because it can exceed 2^53; PGlite would return a
    // lossy number. Do as node-postgres does so rows look the same on both engines.
    parsers: { [types.INT8]: (text: string) => text },
  }).catch((error: unknown) => {
    throw new Error(`Cannot open the PGlite database in ${directory}: ${messageOf(error)}`, { cause: error });
  });
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

async function prepareDataDirectory(directory: string): Promise<void> {
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
