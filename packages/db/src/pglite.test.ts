import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "./pglite.ts";

describe("openPglite", () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), "fleetdeck-pglite-"));
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("creates a missing data dir, parents included", async () => {
    const dataDir = path.join(scratch, "nested", "data");
    const db = await openPglite(dataDir);
    try {
      expect(db.engine).toBe("pglite");
      await db.ping();
      // Small shared buffers keep the embedded engine's memory down (see createPglite).
      expect(await db.query("show shared_buffers")).toEqual([{ shared_buffers: "16MB" }]);
    } finally {
      await db.close();
    }
  });

  it("names the data dir it cannot create", async () => {
    const regularFile = path.join(scratch, "a-file");
    await writeFile(regularFile, "not a directory");
    const dataDir = path.join(regularFile, "data");
    await expect(openPglite(dataDir)).rejects.toThrow(`Cannot create the PGlite data directory ${dataDir}`);
  });

  it("refuses a directory that holds other files, rather than writing a database among them", async () => {
    const homeByMistake = path.join(scratch, "home");
    await mkdir(homeByMistake);
    await writeFile(path.join(homeByMistake, "notes.txt"), "mine");
    await expect(openPglite(homeByMistake)).rejects.toThrow(`${homeByMistake} holds other files and no database`);
    expect(await readdir(homeByMistake)).toEqual(["notes.txt"]);
  });
});
