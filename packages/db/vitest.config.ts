import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.ts";

export default defineConfig({
  test: {
    ...sharedTestConfig("db"),
    globalSetup: ["src/test-global-setup.ts"],
    // A fresh PGlite data dir runs initdb in WebAssembly: a few seconds, more when test files
    // run in parallel on a small machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
