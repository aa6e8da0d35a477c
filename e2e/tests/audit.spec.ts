import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { seriousAccessibilityViolations } from "./accessibility.ts";
import { type Account, adminAccount } from "./accounts.ts";
import { callMutation, expect, signIn, test } from "./fixtures.ts";

function originOf(page: Page): string {
  return new URL(page.url()).origin;
}

test("an SRE finds who cleared a fault, sees what changed, and exports the record", async ({ page }) => {
  // The audited change, made through the UI: inject a fault, then clear it.
  await page.goto("/settings");
  await page.getByRole("button", { name: "Inject fault" }).click();
  const activeFaults = page.getByRole("table", { name: "Active faults" });
  const clearButton = activeFaults.getByRole("button", { name: /^Clear / });
  await expect(clearButton).toHaveCount(1);
  await clearButton.click();
  await expect(clearButton).toHaveCount(0);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();

  await page.getByLabel("Action", { exact: true }).fill("demo-fault.");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/audit\?action=demo-fault\.$/);

  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.getByRole("columnheader", { name: "IP" })).toBeVisible();
  const rows = log.locator("tbody > tr");
  const newest = rows.first();
  await expect(newest).toContainText("demo-fault.clear");
  await expect(newest).toContainText("admin");
  await expect(newest).toContainText("ok");
  await expect(newest).toContainText("127.0.0.1");
  await expect(rows.nth(1)).toContainText("demo-fault.inject");
  const entityLabel = await newest
    .getByRole("link", { name: /^Filter by entity demo-fault / })
    .getAttribute("aria-label");
  const faultId = entityLabel?.replace("Filter by entity demo-fault ", "") ?? "";
  expect(faultId).not.toBe("");

  await newest.getByRole("button", { name: "Show changes of demo-fault.clear by admin" }).click();
  const diff = page.getByRole("table", { name: `Before and after: demo-fault.clear on demo-fault ${faultId}` });
  await expect(diff).toBeVisible();
  const endMs = diff.getByRole("row", { name: /^endMs/ });
  await expect(endMs).toContainText("null");
  await expect(endMs).toContainText("changed");
  await expect(diff.getByRole("row", { name: /^kind/ })).toContainText('"memory-leak"');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^fleetdeck-audit-start-to-\d{8}T\d{6}Z\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  const [header, ...records] = csv.trimEnd().split("\r\n");
  expect(header).toBe("id,at,actor,actorKind,action,entityType,entityId,outcome,ip,requestId,before,after");
  expect(records.every((record) => record.includes(",demo-fault."))).toBe(true);
  expect(records[0]).toContain(`,admin,user,demo-fault.clear,demo-fault,${faultId},ok,127.0.0.1,`);

  // Clicking the actor narrows the view to them, keeping the action filter.
  await newest.getByRole("link", { name: "Filter by actor admin" }).click();
  await expect(page).toHaveURL(/\/audit\?action=demo-fault\.&actor=admin$/);
  await expect(page.getByLabel("Actor", { exact: true })).toHaveValue("admin");
  await expect(rows.first()).toContainText("demo-fault.clear");
});

test("a custom range that ends before it starts is explained instead of queried", async ({ page }) => {
  await page.goto("/audit");
  await page.getByLabel("Time", { exact: true }).selectOption({ label: "Custom range" });
  await page.getByLabel("From", { exact: true }).fill("2026-01-02T10:00");
  await page.getByLabel("To", { exact: true }).fill("2026-01-01T10:00");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("alert")).toContainText("The custom range ends before it starts");
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);

  await page.getByLabel("To", { exact: true }).fill("2026-01-03T10:00");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("table", { name: "Audit log" })).toHaveCount(0);
  await expect(page.getByText("No audit entries match these filters.")).toBeVisible();
});

test.describe("a viewer", () => {
  test.use({ signedInAs: null });

  test("reads the audit log, without the addresses requests came from", async ({ page, request, baseURL }) => {
    const viewer: Account = { username: `audit-viewer-${Date.now()}`, password: "reads the record every day" };
    const created = await callMutation(request, new URL(baseURL ?? "").origin, "users.create", {
      ...viewer,
      roles: ["viewer"],
    });
    expect(created.ok(), await created.text()).toBe(true);

    await page.goto("/login");
    await signIn(page.request, originOf(page), viewer);
    await page.goto("/audit?action=session.");
    const log = page.getByRole("table", { name: "Audit log" });
    await expect(log.getByRole("link", { name: `Filter by actor ${adminAccount.username}` }).first()).toBeVisible();
    await expect(log.getByRole("columnheader", { name: "Request id" })).toBeVisible();
    await expect(log.getByRole("columnheader", { name: "IP" })).toHaveCount(0);
    await expect(log).not.toContainText("127.0.0.1");
  });
});
