import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.ts";

export default defineConfig({
  test: {
    ...sharedTestConfig("server"),
    // Copies one empty PGlite data dir per test database instead of running initdb for each.
    globalSetup: ["@fleetdeck/db/testing/global-setup"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
