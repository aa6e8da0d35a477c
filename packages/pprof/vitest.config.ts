import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.ts";

export default defineConfig({
  // The parity tests run `go tool pprof`, which is slow to start on a busy machine.
  test: { ...sharedTestConfig("pprof"), testTimeout: 60_000 },
});
