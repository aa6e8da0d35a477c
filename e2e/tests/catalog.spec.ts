import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

interface CatalogRegion {
  id: string;
  name: string;
  clusters: { id: string; name: string; kind: string; instances: number }[];
  serviceIds: string[];
  instances: number;
}

interface FleetCatalog {
  regions: CatalogRegion[];
  services: { id: string; name: string; regionIds: string[] }[];
}

async function readCatalog(request: APIRequestContext): Promise<FleetCatalog> {
  const catalog = (await (await request.get("/trpc/fleet.catalog")).json()).result.data.catalog as FleetCatalog | null;
  if (!catalog) throw new Error("no source answered fleet.catalog");
  return catalog;
}

/**
 * A region that lacks one of the fleet-wide costliest services, so a services leaderboard that
 * ignored the region would show that service and fail the check.
 */
async function regionMissingATopService(request: APIRequestContext, catalog: FleetCatalog): Promise<CatalogRegion> {
  const overview = (await (await request.get("/trpc/fleet.overview")).json()).result.data.overview as {
    topGcCpuServices: { serviceId: string }[];
  };
  const topIds = overview.topGcCpuServices.map((s) => s.serviceId);
  const region = catalog.regions.find((r) => topIds.some((id) => !r.serviceIds.includes(id)));
  if (!region) throw new Error("every region runs every top service; the demo fleet cannot show the difference");
  return region;
}

/** The value shown under a label of a totals list. */
function stat(page: Page, totals: string, label: string) {
  return page
    .getByLabel(totals)
    .getByRole("term")
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator("xpath=following-sibling::dd[1]");
}

/** The service ids a table links to, read from the links' targets. */
async function linkedServiceIds(table: Locator): Promise<string[]> {
  const hrefs = await table.getByRole("link").evaluateAll((links) => links.map((l) => l.getAttribute("href") ?? ""));
  return hrefs.flatMap((href) => {
    const match = /\/services\/([^/?#]+)$/.exec(href);
    return match?.[1] ? [decodeURIComponent(match[1])] : [];
  });
}

test("filtered to a region, the overview ranks only the services running there and counts its instances", async ({
  page,
}) => {
  const catalog = await readCatalog(page.request);
  const region = await regionMissingATopService(page.request, catalog);

  await page.goto(`/?region=${region.id}`);
  const totals = `${region.name} totals`;
  await expect(stat(page, totals, "Instances")).toHaveText(region.instances.toLocaleString("en-US"));
  await expect(page.getByRole("table", { name: "Region health" }).getByRole("row")).toHaveCount(2);

  const services = page.getByRole("table", { name: "Services burning the most CPU on GC" });
  await expect(services.getByRole("row")).toHaveCount(Math.min(10, region.serviceIds.length) + 1);
  const shown = await linkedServiceIds(services);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.filter((id) => !region.serviceIds.includes(id))).toEqual([]);
});

test("a region's page lists its clusters and services from the catalog", async ({ page }) => {
  const catalog = await readCatalog(page.request);
  const region = catalog.regions[0];
  if (!region) throw new Error("the catalog has no regions");

  await page.goto("/");
  await page.getByRole("table", { name: "Region health" }).getByRole("link", { name: region.name }).click();
  await expect(page).toHaveURL(new RegExp(`/regions/${region.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: region.name })).toBeVisible();
  await expect(stat(page, `${region.name} totals`, "Instances")).toHaveText(region.instances.toLocaleString("en-US"));

  const clusters = page.getByRole("table", { name: `Clusters in ${region.name}` });
  await expect(clusters.getByRole("row")).toHaveCount(region.clusters.length + 1);
  for (const cluster of region.clusters) {
    await expect(clusters.getByRole("row", { name: cluster.name })).toContainText(String(cluster.instances));
  }
  const running = page.getByRole("list", { name: `Services running in ${region.name}` });
  await expect(running.getByRole("link")).toHaveCount(region.serviceIds.length);
  expect((await linkedServiceIds(running)).sort()).toEqual([...region.serviceIds].sort());
});

test("settings can aim a fault at every service in the catalog", async ({ page }) => {
  const catalog = await readCatalog(page.request);
  await page.goto("/settings");
  const picker = page.getByRole("form", { name: "Inject a fault" }).getByLabel("Service");
  await expect(picker.locator("option")).toHaveCount(catalog.services.length);
  const names = await picker.locator("option").allTextContents();
  expect(names).toEqual(catalog.services.map((s) => s.name).sort((a, b) => a.localeCompare(b)));
});

test.describe("unknown regions", () => {
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test("a link to a region the fleet lacks says so, shows the whole fleet and clears", async ({ page }) => {
    await page.goto("/?region=no-such-region");
    await expect(page.getByRole("alert").filter({ hasText: "No region named “no-such-region”" })).toBeVisible();
    await expect(page.getByLabel("Fleet totals")).toBeVisible();
    await page.getByRole("link", { name: "Clear the filter" }).click();
    await expect(page).not.toHaveURL(/region=/);
    await expect(page.getByRole("alert").filter({ hasText: "No region named" })).toHaveCount(0);
  });

  test("an unknown region's page is a clear not-found page, not a crash", async ({ page }) => {
    await page.goto("/regions/no-such-region");
    await expect(page.getByText("No region named no-such-region")).toBeVisible();
  });
});
