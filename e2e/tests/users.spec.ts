import type { Browser, ConsoleMessage, Page } from "@playwright/test";
import { seriousAccessibilityViolations } from "./accessibility.ts";
import type { Account } from "./accounts.ts";
import { expect, test } from "./fixtures.ts";

/** Every spec shares one server and one database: names carry the run, so reruns never collide. */
const runId = Date.now().toString(36);

async function signInWithTheForm(page: Page, account: Account) {
  await page.getByLabel("Username").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * A second person at their own browser (cookies of their own). Their page sees its session end
 * and a refused password: the 400/401/403 answers are expected, any other console error is not.
 */
async function openSecondBrowser(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error" && !/status of 40[013]/.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors, close: () => context.close() };
}

// A refused password (400) is part of what these specs show.
test.use({ allowedConsoleErrors: [/status of 400/] });

test("an admin creates a viewer, resets their password, and disables them; the viewer must choose a new password", async ({
  page,
  browser,
  baseURL,
}) => {
  // Two people at two browsers, each step waiting on the other's: longer than one page's test.
  test.setTimeout(90_000);
  const viewer: Account = { username: `riley-${runId}`, password: "first password from admin" };
  const temporary = "temporary one 4 riley";
  const chosen = "a passphrase of my own";

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

  const createForm = page.getByRole("form", { name: "Create a user" });
  await createForm.getByLabel("Username").fill(viewer.username);
  await createForm.getByLabel("Password", { exact: true }).fill("short");
  await createForm.getByRole("button", { name: "Create user" }).click();
  await expect(createForm.getByText("Use at least 12 characters")).toBeVisible();
  await createForm.getByLabel("Password", { exact: true }).fill(viewer.password);
  await expect(createForm.getByRole("checkbox", { name: /viewer/ })).toBeChecked();
  await createForm.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created ${viewer.username}.` })).toBeVisible();
  const users = page.getByRole("table", { name: "Users" });
  const row = users.getByRole("row").filter({ hasText: viewer.username });
  await expect(row).toContainText("viewer");
  await expect(row).toContainText("Active");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  const second = await openSecondBrowser(browser, baseURL);
  try {
    const viewerPage = second.page;
    await viewerPage.goto("/");
    await signInWithTheForm(viewerPage, viewer);
    await expect(viewerPage.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
    await expect(viewerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(
      0,
    );

    // The admin resets the password: the viewer's open page finds its session gone.
    await row.getByRole("button", { name: `Reset password of ${viewer.username}` }).click();
    const reset = page.getByRole("region", { name: `Reset the password of ${viewer.username}` });
    await reset.getByLabel("Temporary password").fill(temporary);
    await reset.getByRole("button", { name: "Reset password", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "must choose a new one" })).toBeVisible();
    await expect(row).toContainText("Must change password");
    await expect(viewerPage).toHaveURL(/\/login\?redirect=/, { timeout: 15_000 });

    // Signed in with the temporary password, the viewer is sent to choose their own first.
    await signInWithTheForm(viewerPage, { username: viewer.username, password: temporary });
    await expect(viewerPage.getByRole("heading", { level: 1, name: "Change your password" })).toBeVisible();
    await viewerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(viewerPage).toHaveURL(/\/account\/password\?redirect=%2Fsettings$/);
    await expect(viewerPage.getByText("Choose your own to continue.")).toBeVisible();

    const changeForm = viewerPage.getByRole("form", { name: "Change your password" });
    await changeForm.getByLabel("Current password").fill("not the temporary one");
    await changeForm.getByLabel("New password", { exact: true }).fill(chosen);
    await changeForm.getByLabel("Repeat the new password").fill(chosen);
    await changeForm.getByRole("button", { name: "Change password" }).click();
    await expect(changeForm.getByText("this is not your current password")).toBeVisible();
    await expect(changeForm.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");

    await changeForm.getByLabel("Current password").fill(temporary);
    await changeForm.getByRole("button", { name: "Change password" }).click();
    await expect(viewerPage).toHaveURL(/\/settings$/);
    await expect(viewerPage.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();

    // Disabling ends the viewer's session, and they cannot sign in again.
    await row.getByRole("button", { name: `Disable ${viewer.username}` }).click();
    const confirmation = page.getByRole("region", { name: `Disable ${viewer.username}` });
    await expect(confirmation).toContainText("Their sessions end now");
    await confirmation.getByRole("button", { name: `Yes, disable ${viewer.username}` }).click();
    await expect(row).toContainText("Disabled");
    await viewerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
    await expect(viewerPage).toHaveURL(/\/login\?redirect=/, { timeout: 15_000 });
    await signInWithTheForm(viewerPage, { username: viewer.username, password: chosen });
    await expect(viewerPage.getByRole("alert")).toHaveText(
      "This account is disabled. Ask an administrator to enable it.",
    );
    expect(second.errors, "console or page errors in the viewer's browser").toEqual([]);
  } finally {
    await second.close();
  }
});

test("an API token created in Settings is shown once, works as a Bearer header, and stops when revoked", async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  const tokenName = `export-${runId}`;
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/settings");

  const tokens = page.getByRole("region", { name: "API tokens" });
  const createForm = tokens.getByRole("form", { name: "Create an API token" });
  await createForm.getByLabel("Token name").fill(tokenName);
  await expect(createForm.getByRole("checkbox", { name: /viewer/ })).toBeChecked();
  await expect(createForm.getByRole("checkbox", { name: /operator/ })).not.toBeChecked();
  await createForm.getByRole("button", { name: "Create token" }).click();

  await expect(tokens.getByText("it won’t be shown again")).toBeVisible();
  const secret = await tokens.getByLabel("New API token").inputValue();
  expect(secret).toMatch(/^fdk_/);
  await tokens.getByRole("button", { name: "Copy token" }).click();
  await expect(tokens.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await tokens.getByRole("button", { name: "Done" }).click();
  await expect(tokens.getByLabel("New API token")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);

  const mine = tokens.getByRole("table", { name: "Your API tokens" }).getByRole("row").filter({ hasText: tokenName });
  await expect(mine).toContainText("viewer");
  await expect(mine).toContainText("Active");

  // A script with the token and no cookie: reads as a viewer, and may not operate.
  const script = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  try {
    expect((await script.get("/trpc/fleet.overview")).status()).toBe(200);
    const refused = await script.post("/trpc/demo.setOutage", { data: { message: "the token was here" } });
    expect(refused.status()).toBe(403);

    await page.goto("/users");
    const everyone = page
      .getByRole("table", { name: "All API tokens" })
      .getByRole("row")
      .filter({ hasText: tokenName });
    await expect(everyone).toContainText("admin");
    await expect(everyone).toContainText("Active");

    await page.goto("/settings");
    await mine.getByRole("button", { name: `Revoke ${tokenName}` }).click();
    await expect(mine).toContainText("Revoked");
    const afterRevoke = await script.get("/trpc/fleet.overview");
    expect(afterRevoke.status()).toBe(401);
  } finally {
    await script.dispose();
  }
});

test.describe("a viewer", () => {
  test.use({ signedInAs: null });

  test("does not see Users in the sidebar and is told the page is for admins", async ({ page, request }) => {
    const viewer: Account = { username: `casey-${runId}`, password: "only reads the dashboards" };
    const created = await request.post("/trpc/users.create", { data: { ...viewer, roles: ["viewer"] } });
    expect(created.ok(), await created.text()).toBe(true);

    await page.goto("/users");
    await signInWithTheForm(page, viewer);
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByText("Only admins manage users.")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
    await expect(page.getByRole("table", { name: "Users" })).toHaveCount(0);
  });
});
