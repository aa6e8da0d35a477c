import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const readManifest = async (dir: string) =>
  JSON.parse(await readFile(path.join(import.meta.dirname, dir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };

/**
 * The bundle compiles workspace packages in but leaves npm packages external (build.ts), so they
 * resolve from this app's node_modules at run time: a package that only a workspace package
 * depends on would make the built server fail on start.
 */
describe("the server bundle's npm dependencies", () => {
  it("include every npm package the workspace packages depend on, at the same version", async () => {
    const server = (await readManifest("..")).dependencies ?? {};
    const packages = await readdir(path.join(import.meta.dirname, "../../../packages"));
    expect(packages).toContain("core");
    for (const dir of packages.map((name) => `../../../packages/${name}`)) {
      const dependencies = (await readManifest(dir)).dependencies ?? {};
      for (const [name, version] of Object.entries(dependencies)) {
        if (name.startsWith("@fleetdeck/")) continue;
        expect({ package: name, version: server[name] }, `${dir} depends on ${name}`).toEqual({
          package: name,
          version,
        });
      }
    }
  });
});
