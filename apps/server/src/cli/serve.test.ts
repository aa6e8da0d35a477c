import { execFile } from "node:child_process";
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
});
