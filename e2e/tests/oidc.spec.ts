import type { TestOidcAccount } from "@fleetdeck/server/testing/oidc-provider";
import type { Page } from "@playwright/test";
import { oidcAccounts, oidcIssuer, oidcLabel } from "../oidc/oidc-accounts.ts";
import { expect, test } from "./fixtures.ts";

test.use({ signedInAs: null });

const providerSignInHeading = "Sign in to the test identity provider";

async function signInAtProvider(page: Page, account: TestOidcAccount) {
  await expect(page.getByRole("heading", { level: 1, name: providerSignInHeading })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(oidcIssuer);
  await page.getByLabel("Username").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an on-call SRE signs in with single sign-on, gets operator controls, and signing out ends the provider's session too", async ({
  page,
  baseURL,
}) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?redirect=%2Fsettings$/);
  await page.getByRole("link", { name: `Sign in with ${oidcLabel}` }).click();

  await signInAtProvider(page, oidcAccounts.onCallSre);
  await expect(page).toHaveURL(`${baseURL}/settings`);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const header = page.getByRole("banner");
  await expect(header).toContainText(`Signed in as ${oidcAccounts.onCallSre.username}`);
  await expect(header.getByRole("list", { name: "Your roles" })).toHaveText("operator");
  // The sre-oncall group made them an operator: the demo fleet's controls are theirs to use.
  await expect(page.getByRole("button", { name: /inject/i })).toBeEnabled();
  await expect(page.getByText("You need the operator role to change the demo fleet.")).toHaveCount(0);

  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign out of the test identity provider" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${baseURL}/login`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Fleetdeck");

  // Signed out at both ends: the console asks again, and so does the provider.
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?redirect=%2Fsettings$/);
  await page.getByRole("link", { name: `Sign in with ${oidcLabel}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: providerSignInHeading })).toBeVisible();
});

test("someone whose groups grant no Fleetdeck role is told so on the sign-in page", async ({ page, baseURL }) => {
  await page.goto("/gc");
  await page.getByRole("link", { name: `Sign in with ${oidcLabel}` }).click();
  await signInAtProvider(page, oidcAccounts.contractor);

  await expect(page).toHaveURL(`${baseURL}/login?error=no-role&redirect=%2Fgc`);
  await expect(page.getByRole("alert")).toHaveText(
    "Your identity provider signed you in, but none of your groups is given a Fleetdeck role. Ask an administrator to map one of your groups to a role.",
  );
  await expect(page.getByRole("banner")).toHaveCount(0);
  await page.goto("/gc");
  await expect(page).toHaveURL(/\/login\?redirect=%2Fgc$/);
});
