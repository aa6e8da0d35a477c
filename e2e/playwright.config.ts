import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { adminAccount } from "./tests/accounts.ts";

/** Debian's Chromium; Playwright never downloads a browser of its own here. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium is not installed: run scripts/test.sh, which installs Debian's chromium package");
  }
}

const port = Number(process.env.FLEETDECK_E2E_PORT ?? 4517);
const dataDir = mkdtempSync(path.join(tmpdir(), "fleetdeck-e2e-"));

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"], ["json", { outputFile: "./test-results/results.json" }]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The built server, as it runs in production (scripts/test.sh builds it first).
    command: `node ../apps/server/dist/fleetdeck.mjs serve --port ${port} --data-dir ${dataDir}`,
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      FLEETDECK_LIVE_INTERVAL_MS: "1000",
      FLEETDECK_LOG_LEVEL: "warn",
      FLEETDECK_ADMIN_PASSWORD: adminAccount.password,
    },
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
