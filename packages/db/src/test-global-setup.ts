import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openPglite } from "./pglite.ts";
import { pgliteTemplateVariable, testDatabaseUrlVariable } from "./test-database.ts";

/**
 * Vitest global setup: creating a PGlite data dir runs initdb in WebAssembly (3–6 s here), while
 * copying an empty one and opening the copy takes about a second. So initdb runs once per test
 * run, and createTestDatabase copies its result. Test workers inherit the variable set here.
 */
export async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[testDatabaseUrlVariable]) return undefined;
  const templateDir = await mkdtemp(path.join(os.tmpdir(), "fleetdeck-pglite-template-"));
  const template = await openPglite(templateDir);
  await template.close();
  process.env[pgliteTemplateVariable] = templateDir;
  return async () => {
    delete process.env[pgliteTemplateVariable];
    await rm(templateDir, { recursive: true, force: true });
  };
}
