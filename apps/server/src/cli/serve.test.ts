import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../../../..");

async function serveWith(env: Record<string, string>, args: string[] = []) {
  try {
    await run("pnpm", ["--silent", "fleetdeck", "serve", ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      timeout: 20_000,
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe("fleetdeck serve start-up validation", () => {
  it("stops with exit code 2 and names every wrong variable", async () => {
    const result = await serveWith({ FLEETDECK_PORT: "eighty", FLEETDECK_DEMO_SPEED: "-3" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid configuration/);
    expect(result.stderr).toMatch(/FLEETDECK_PORT="eighty"/);
    expect(result.stderr).toMatch(/FLEETDECK_DEMO_SPEED="-3"/);
  });

  it("names the flag's variable when a flag is wrong", async () => {
    const result = await serveWith({}, ["--demo-instances", "50000"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/FLEETDECK_DEMO_INSTANCES="50000"/);
  });

  it("stops with exit code 2 and file:line messages when the sources file is wrong", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "fleetdeck-serve-"));
    try {
      const file = path.join(dir, "sources.yaml");
      await writeFile(
        file,
        [
          "sources:",
          "  - id: demo",
          "    kind: demo",
          "  - id: prod-eu",
          "    kind: prometheus",
          "    url: ftp://x",
          "",
        ].join("\n"),
      );
      const result = await serveWith({}, ["--sources", file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${file}:6: sources[1].url: must be an http:// or https:// URL`);

      const missing = await serveWith({ FLEETDECK_SOURCES_FILE: path.join(dir, "absent.yaml") });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/cannot read sources file .*absent\.yaml: ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
