import type { ViteUserConfig } from "vitest/config";

/**
 * Test settings every package shares. When scripts/test.sh sets FLEETDECK_TEST_RESULTS_DIR, each
 * package also writes a JSON report there so the run can close with one pass/fail count.
 */
export function sharedTestConfig(project: string): NonNullable<ViteUserConfig["test"]> {
  const dir = process.env.FLEETDECK_TEST_RESULTS_DIR;
  const label = process.env.FLEETDECK_TEST_RESULTS_LABEL ?? "local";
  return {
    include: ["src/**/*.test.ts"],
    ...(dir ? { reporters: ["default", "json"], outputFile: { json: `${dir}/${label}-${project}.json` } } : {}),
  };
}
