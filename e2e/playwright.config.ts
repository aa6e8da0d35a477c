import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { oidcClient, oidcIssuer, oidcLabel, oidcRoleMap } from "./oidc/oidc-accounts.ts";
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
const consoleUrl = `http://127.0.0.1:${port}`;
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
    baseURL: consoleUrl,
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
  webServer: [
    {
      // The identity provider for single sign-on (oidc.spec.ts), a real OpenID Connect server.
      command: "pnpm exec tsx oidc/provider.ts",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { FLEETDECK_E2E_CONSOLE_URL: consoleUrl },
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      // The built server, as it runs in production (scripts/test.sh builds it first).
      command: `node ../apps/server/dist/fleetdeck.mjs serve --port ${port} --data-dir ${dataDir}`,
      url: `${consoleUrl}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        FLEETDECK_LIVE_INTERVAL_MS: "1000",
        FLEETDECK_LOG_LEVEL: "warn",
        FLEETDECK_ADMIN_PASSWORD: adminAccount.password,
        FLEETDECK_PUBLIC_URL: consoleUrl,
        FLEETDECK_OIDC_ISSUER: oidcIssuer,
        FLEETDECK_OIDC_CLIENT_ID: oidcClient.clientId,
        FLEETDECK_OIDC_CLIENT_SECRET: oidcClient.clientSecret,
        FLEETDECK_OIDC_ROLE_MAP: oidcRoleMap,
        FLEETDECK_OIDC_LABEL: oidcLabel,
      },
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
