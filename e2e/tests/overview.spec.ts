import type { Page } from "@playwright/test";
import { seriousAccessibilityViolations } from "./accessibility.ts";
import { expect, test } from "./fixtures.ts";

interface OverviewAnswer {
  overview: {
    totals: { regions: number; clusters: number; services: number; instances: number };
    topGcCpuServices: { serviceId: string; serviceName: string; instances: number }[];
  };
}

/** The value shown under a label of the overview's totals. */
function stat(page: Page, label: string) {
  return page
    .getByRole("list", { name: "Fleet totals" })
    .or(page.getByLabel("Fleet totals"))
    .getByRole("term")
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator("xpath=following-sibling::dd[1]");
}

test("on-call opens the overview, reads the fleet's real numbers and follows the costliest service", async ({
  page,
}, testInfo) => {
  const answer = (await (await page.request.get("/trpc/fleet.overview")).json()).result.data as OverviewAnswer;
  const { totals, topGcCpuServices } = answer.overview;
  expect(totals.instances).toBeGreaterThan(100);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
  await expect(stat(page, "Regions")).toHaveText(String(totals.regions));
  await expect(stat(page, "Clusters")).toHaveText(String(totals.clusters));
  await expect(stat(page, "Services")).toHaveText(String(totals.services));
  await expect(stat(page, "Instances")).toHaveText(totals.instances.toLocaleString("en-US"));

  const costliest = topGcCpuServices[0];
  if (!costliest) throw new Error("the demo fleet reported no services");
  const servicesTable = page.getByRole("table", { name: "Services burning the most CPU on GC" });
  await expect(servicesTable.getByRole("row").nth(1)).toContainText(costliest.serviceName);
  await expect(page.getByRole("table", { name: "Region health" }).getByRole("row")).toHaveCount(totals.regions + 1);
  await expect(page.getByText(/Live/)).toBeVisible();

  const screenshot = testInfo.outputPath("overview.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("overview", { path: screenshot, contentType: "image/png" });

  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await servicesTable.getByRole("link", { name: costliest.serviceName, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/services/${costliest.serviceId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(costliest.serviceName);
  const instances = page.getByRole("table", { name: /instances/i });
  await expect(instances.getByRole("row")).toHaveCount(costliest.instances + 1);

  await instances.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/instances\//);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test("the overview has no serious accessibility violations in the light theme either", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(page.getByRole("table", { name: "Region health" })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});
