import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.ts";

/** Pure modules only (no jsdom here), so no React plugin: tests run in plain Node. */
export default defineConfig({ test: { ...sharedTestConfig("web"), environment: "node" } });
