import type { Page } from "@playwright/test";
import { adminAccount } from "./accounts.ts";
import { expect, test } from "./fixtures.ts";
import { type ConsoleServer, startConsoleServer } from "./support/console-server.ts";

/**
 * Seconds a session may sit unused on this spec's own console (the shared one keeps 12 h). Short,
 * yet long enough for the page to load after signing in again on a busy machine; the page's
 * 10 s status poll is what notices the end either way.
 */
const idleSeconds = 5;

// The calls refused once the session has ended are what this spec is about.
test.use({ signedInAs: null, allowedConsoleErrors: [/status of 401/] });

let server: ConsoleServer;
test.beforeAll(async () => {
  // A first start creates the database and hashes the admin's password: slow on a busy machine.
  test.setTimeout(90_000);
  server = await startConsoleServer({ FLEETDECK_SESSION_IDLE_SECONDS: String(idleSeconds) });
});
test.afterAll(async () => {
  await server?.stop();
});

async function signInWithTheForm(page: Page) {
  await page.getByLabel("Username").fill(adminAccount.username);
  await page.getByLabel("Password").fill(adminAccount.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a session left idle past its timeout ends on its own: the open page goes to sign-in, and back after it", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const overviewUrl = `${server.url}/?sort=instances`;
  await page.goto(overviewUrl);
  await expect(page).toHaveURL(`${server.url}/login?redirect=${encodeURIComponent("/?sort=instances")}`);
  const signingInAtMs = Date.now();
  await signInWithTheForm(page);
  await expect(page.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
  await expect(page).toHaveURL(overviewUrl);

  // Nobody touches the page. The expiry set at sign-in passes, and the first call after it (the
  // page's own status poll) is refused: the page sends the person to sign in, remembering where.
  const refused = page.waitForResponse((response) => response.status() === 401);
  await expect(page).toHaveURL(/\/login\?redirect=%2F%3Fsort%3Dinstances$/, { timeout: 20_000 });
  expect((await refused).url()).toContain("/trpc/");
  expect(Date.now() - signingInAtMs).toBeGreaterThanOrEqual(idleSeconds * 1000);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Fleetdeck");

  await signInWithTheForm(page);
  await expect(page.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
  await expect(page).toHaveURL(overviewUrl);
});
