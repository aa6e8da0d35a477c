import { expect, test } from "./fixtures.ts";

test("every section of the sidebar opens, and unbuilt ones say so plainly", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation");
  for (const section of ["Incidents"]) {
    await nav.getByRole("link", { name: section, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText(/not built yet/i)).toBeVisible();
  }
  for (const [section, heading] of [
    ["Topology", "Topology"],
    ["Audit", "Audit"],
    ["Profiles", "Profiles"],
    ["Changes", "Changes"],
  ]) {
    await nav.getByRole("link", { name: section, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(/not built yet/i)).toHaveCount(0);
  }
  await nav.getByRole("link", { name: "GC", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "GC leaderboard" })).toBeVisible();
  await nav.getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
});

test("a region filter lives in the URL, so a pasted link shows the same view", async ({ page }) => {
  await page.goto("/");
  const regions = page.getByRole("table", { name: "Region health" });
  const firstRegion = regions.getByRole("row").nth(1).getByRole("link").first();
  const regionName = (await firstRegion.textContent())?.trim() ?? "";
  await page
    .getByLabel(/region/i)
    .first()
    .selectOption({ label: regionName });
  await expect(page).toHaveURL(/[?&]region=/);
  const url = page.url();
  await page.goto(url);
  await expect(page.getByLabel(/region/i).first()).toHaveValue(new URL(url).searchParams.get("region") ?? "");
  await expect(page.getByLabel(`${regionName} totals`)).toBeVisible();
});

test("the theme switches between dark and light and is remembered", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expect(page.getByRole("button", { name: "Switch to dark theme" })).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.reload();
  await expect(page.getByRole("button", { name: "Switch to dark theme" })).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
});

test.describe("unknown entities", () => {
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test("an unknown service shows a clear not-found page, not a crash", async ({ page }) => {
    await page.goto("/services/no-such-service");
    await expect(page.getByText(/no service/i)).toBeVisible();
  });
});
