import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly fileName: string;
  readonly sql: string;
  /** sha256 of the SQL, to notice a file edited after it was applied. */
  readonly checksum: string;
}

/** The schema of this package, shipped as SQL files beside the code. */
export const migrationsDirectory = fileURLToPath(new URL("./migrations/", import.meta.url));

const fileNamePattern = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files in version order. A misnamed .sql file is an error, not skipped. */
export async function loadMigrations(directory: string = migrationsDirectory): Promise<Migration[]> {
  const sqlFileNames = (await readdir(directory)).filter((fileName) => fileName.endsWith(".sql"));
  const migrations = await Promise.all(
    sqlFileNames.map(async (fileName) => {
      const match = fileNamePattern.exec(fileName);
      if (!match?.[1] || !match[2]) {
        throw new Error(`Migration file ${fileName} in ${directory} must be named NNNN_name.sql (e.g. 0002_users.sql)`);
      }
      const sql = await readFile(path.join(directory, fileName), "utf8");
      return { version: Number(match[1]), name: match[2], fileName, sql, checksum: checksumOf(sql) };
    }),
  );
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous?.version === migration.version) {
      throw new Error(`Migrations ${previous.fileName} and ${migration.fileName} share version ${migration.version}`);
    }
  });
  return migrations;
}

/** Line endings are normalised so that a checkout with CRLF does not count as an edit. */
export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql.replaceAll("\r\n", "\n")).digest("hex");
}
