import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checksumOf, loadMigrations } from "./load-migrations.ts";

describe("loadMigrations", () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "fleetdeck-migrations-"));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("ships the demo state schema as its first migration", async () => {
    const [first] = await loadMigrations();
    expect(first).toMatchObject({ version: 1, name: "demo_state", fileName: "0001_demo_state.sql" });
    expect(first?.sql).toContain("create table demo_faults");
  });

  it("orders migrations by version and ignores files that are not SQL", async () => {
    await writeFile(path.join(directory, "0010_later.sql"), "select 10");
    await writeFile(path.join(directory, "0002_earlier.sql"), "select 2");
    await writeFile(path.join(directory, "README.md"), "notes");
    const migrations = await loadMigrations(directory);
    expect(migrations.map((migration) => migration.fileName)).toEqual(["0002_earlier.sql", "0010_later.sql"]);
    expect(migrations[0]).toMatchObject({
      version: 2,
      name: "earlier",
      sql: "select 2",
      checksum: checksumOf("select 2"),
    });
  });

  it("refuses a misnamed SQL file rather than skipping it", async () => {
    await writeFile(path.join(directory, "2_users.sql"), "select 1");
    await expect(loadMigrations(directory)).rejects.toThrow(/2_users\.sql .* must be named NNNN_name\.sql/);
  });

  it("refuses two files with one version", async () => {
    await writeFile(path.join(directory, "0003_users.sql"), "select 1");
    await writeFile(path.join(directory, "0003_teams.sql"), "select 1");
    await expect(loadMigrations(directory)).rejects.toThrow(/share version 3/);
  });

  it("gives the same checksum whatever the line endings", () => {
    expect(checksumOf("select 1;\r\nselect 2;\r\n")).toBe(checksumOf("select 1;\nselect 2;\n"));
    expect(checksumOf("select 1;")).not.toBe(checksumOf("select 2;"));
  });
});
