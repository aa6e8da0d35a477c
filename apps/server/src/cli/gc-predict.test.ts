import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../../../..");

/** Runs the real CLI the way a user does, through the root `pnpm fleetdeck` script. */
async function fleetdeck(...args: string[]) {
  try {
    const { stdout, stderr } = await run("pnpm", ["--silent", "fleetdeck", ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("fleetdeck gc predict", () => {
  it("prints one JSON object with the predicted GC behaviour", async () => {
    const result = await fleetdeck(
      "gc",
      "predict",
      "--live-heap",
      "75MiB",
      "--alloc-rate",
      "200MiB/s",
      "--gogc",
      "100",
      "--json",
    );
    expect(result.code).toBe(0);
    const prediction = JSON.parse(result.stdout);
    expect(prediction.heapGoalBytes).toBe(150 * 1024 * 1024);
    expect(prediction.gcCyclesPerSecond).toBeCloseTo(200 / 75, 5);
    expect(prediction.memoryLimitBinding).toBe(false);
    expect(prediction.gcCpuFraction).toBeGreaterThan(0);
    expect(prediction.gcCpuFraction).toBeLessThan(1);
  });

  it("reports a binding memory limit and the goal it sets", async () => {
    const result = await fleetdeck(
      "gc",
      "predict",
      "--live-heap",
      "75MiB",
      "--alloc-rate",
      "200MiB/s",
      "--memory-limit",
      "160MiB",
      "--non-heap",
      "12MiB",
      "--gogc",
      "200",
      "--json",
    );
    const prediction = JSON.parse(result.stdout);
    expect(prediction.memoryLimitBinding).toBe(true);
    expect(prediction.heapGoalBytes).toBe(148 * 1024 * 1024);
  });

  it("prints a readable table without --json", async () => {
    const result = await fleetdeck("gc", "predict", "--live-heap", "75MiB", "--alloc-rate", "200MiB/s");
    expect(result.stdout).toMatch(/heap goal\s+150 MiB/);
    expect(result.stdout).toMatch(/memory limit\s+not binding/);
  });

  it.each([
    [["--live-heap", "75 parsecs", "--alloc-rate", "200MiB/s"], /--live-heap: "75 parsecs" is not a size/],
    [["--live-heap", "75MiB", "--alloc-rate", "200MiB"], /--alloc-rate: "200MiB" is not a rate/],
    [["--live-heap", "75MiB"], /--alloc-rate is required/],
    [["--live-heap", "75MiB", "--alloc-rate", "1MiB/s", "--gogc", "-5"], /--gogc: "-5"/],
  ])("rejects bad input %j with exit code 2 and a message naming the flag", async (args, message) => {
    const result = await fleetdeck("gc", "predict", ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
});
