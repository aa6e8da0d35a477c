import type { Page } from "@playwright/test";
import { seriousAccessibilityViolations } from "./accessibility.ts";
import { type Account, adminAccount } from "./accounts.ts";
import { callMutation, expect, test } from "./fixtures.ts";

// A refused sign-in (401) and a refused change (403) are what these specs are about. (One pattern:
// Playwright would read a two-element array here as a [value, options] pair.)
test.use({ allowedConsoleErrors: [/status of 40[13]/] });

const viewerAccount: Account = { username: "casey-viewer", password: "reads dashboards all day" };

/** Signs the browser's session out behind the page's back (page.request shares its cookies). */
async function revokeSession(page: Page) {
  const response = await callMutation(page.request, originOf(page), "auth.logout");
  expect(response.ok(), await response.text()).toBe(true);
}

async function signInWithTheForm(page: Page, account: Account) {
  await page.getByLabel("Username").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

function originOf(page: Page): string {
  return new URL(page.url()).origin;
}

test.describe("an SRE signs in, sees what their role allows, signs out", () => {
  test.use({ signedInAs: null });

  test("the console asks who you are, lets the admin in, and locks again after signing out", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?redirect=%2F$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Fleetdeck");
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await signInWithTheForm(page, { username: adminAccount.username, password: "not the admin password" });
    await expect(page.getByRole("alert")).toHaveText("Wrong username or password.");
    await expect(page).toHaveURL(/\/login\?redirect=%2F$/);

    await signInWithTheForm(page, adminAccount);
    await expect(page.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    const header = page.getByRole("banner");
    await expect(header).toContainText(`Signed in as ${adminAccount.username}`);
    await expect(header.getByRole("list", { name: "Your roles" })).toContainText("operator");

    await header.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Fleetdeck");
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?redirect=%2F$/);
  });

  test("a viewer sees the demo fleet read-only, and the server refuses their change", async ({ page, request }) => {
    const created = await request.post("/trpc/users.create", { data: { ...viewerAccount, roles: ["viewer"] } });
    expect(created.ok(), await created.text()).toBe(true);

    await page.goto("/settings");
    await expect(page).toHaveURL(/\/login\?redirect=%2Fsettings$/);
    await signInWithTheForm(page, viewerAccount);
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText(`Signed in as ${viewerAccount.username}`);
    await expect(page.getByText("You need the operator role to change the demo fleet.")).toBeVisible();
    await expect(page.getByRole("table", { name: "Active faults" })).toBeVisible();
    await expect(page.getByRole("button", { name: /inject/i })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /outage/i })).toHaveCount(0);

    // Hiding the buttons is a courtesy; the server is what refuses.
    const refused = await callMutation(page.request, originOf(page), "demo.setOutage", { message: "viewer was here" });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.data.code).toBe("FORBIDDEN");
  });
});

test("a session revoked while the console is open sends the SRE to sign in, and back to where they were", async ({
  page,
}) => {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();

  // Sign out behind the page's back, then give the browser its old cookie again: only the server
  // knows the session is gone. No click: the next live update (the source-status poll) finds out.
  const cookies = await page.context().cookies();
  await revokeSession(page);
  await page.context().addCookies(cookies);
  await expect(page).toHaveURL(/\/login\?redirect=%2Fsettings$/, { timeout: 15_000 });

  await signInWithTheForm(page, adminAccount);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page).toHaveURL(/\/settings$/);

  // Revoked again, found out by the next navigation this time.
  await revokeSession(page);
  await page.getByRole("navigation").getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page).toHaveURL(/\/login\?redirect=%2F$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Fleetdeck");
});
