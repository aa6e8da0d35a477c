import type { APIRequestContext, Locator, Page, TestInfo } from "@playwright/test";
import { seriousAccessibilityViolations } from "./accessibility.ts";
import { callMutation, expect, test } from "./fixtures.ts";

test.use({ viewport: { width: 1440, height: 950 } });
test.setTimeout(60_000);

interface PlacedInstance {
  id: string;
  serviceId: string;
  up: boolean;
  healthy: boolean;
}

async function placement(request: APIRequestContext) {
  const body = await (await request.get("/trpc/topology.placement")).json();
  return body.result.data as { atMs: number; instances: PlacedInstance[]; services: { id: string; name: string }[] };
}

/** The canvas's view transform ("scale x y") as the map exposes it. */
const mapCanvas = (page: Page) => page.getByRole("img", { name: /^Placement map:/ });
const viewOf = async (canvas: Locator) => (await canvas.getAttribute("data-view")) ?? "";
const scaleOf = (view: string) => Number(view.split(" ")[0]);

/** Waits until the view stops moving (a fly-to has landed) and returns it. */
async function settledView(canvas: Locator): Promise<string> {
  let previous = "";
  await expect
    .poll(
      async () => {
        const now = await viewOf(canvas);
        const settled = now !== "" && now === previous;
        previous = now;
        return settled;
      },
      { intervals: [150] },
    )
    .toBe(true);
  return previous;
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("on-call filters the map to unhealthy instances, picks one and reaches its GC charts in one click", async ({
  page,
  request,
  baseURL,
}, testInfo) => {
  const { services } = await placement(request);
  const service = services.find((s) => s.id === "api-gateway") ?? services[0];
  if (!service) throw new Error("the demo fleet has no services");
  const injected = await callMutation(request, new URL(baseURL ?? "").origin, "demo.injectFault", {
    kind: "memory-limit-too-low",
    serviceId: service.id,
  });
  expect(injected.ok(), await injected.text()).toBe(true);
  await expect
    .poll(
      async () => (await placement(request)).instances.filter((i) => i.serviceId === service.id && !i.healthy).length,
    )
    .toBeGreaterThan(0);

  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/topology");
  await expect(mapCanvas(page)).toHaveAttribute("data-view", /\d/);
  await page.getByLabel("Health", { exact: true }).selectOption({ label: "Unhealthy (and down)" });
  await expect(page).toHaveURL(/health=unhealthy/);
  await page.getByLabel("Service", { exact: true }).selectOption({ label: service.name });
  await expect(page).toHaveURL(new RegExp(`service=${service.id}`));
  await expect(mapCanvas(page)).toHaveAttribute("aria-label", /\d+ unhealthy$/);

  const table = page.getByRole("table", { name: "Unhealthy instances on the map" });
  const firstRow = table.locator("tbody tr").first();
  await expect(firstRow).toContainText(service.name);
  const pick = firstRow.getByRole("rowheader").getByRole("button");
  const instanceId = (await pick.textContent()) ?? "";
  expect(instanceId).toMatch(new RegExp(`^${service.id}-`));
  await pick.click();
  await expect(page).toHaveURL(new RegExp(`sel=instance%3A${instanceId}|sel=instance:${instanceId}`));

  const panel = page.getByRole("complementary", { name: "Selected entity" });
  await expect(panel.getByRole("heading", { name: instanceId })).toBeVisible();
  await expect(panel.getByText(/^up, unhealthy$|^down$/)).toBeVisible();
  await expect(panel.getByText("Memory headroom")).toBeVisible();
  await expect(panel.getByText("GOGC")).toBeVisible();
  await expect(panel.getByRole("link", { name: "Profiles" })).toHaveAttribute(
    "href",
    new RegExp(`/profiles\\?instanceId=${instanceId}$`),
  );
  await settledView(mapCanvas(page));
  await screenshot(page, testInfo, "map-unhealthy-selected-dark");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // The one click: from the map's side panel to the instance's GC charts.
  await panel.getByRole("link", { name: "GC charts" }).click();
  await expect(page).toHaveURL(new RegExp(`/instances/${instanceId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(instanceId);
});

test("search flies to an instance and selects it; the lens switch changes the legend", async ({
  page,
  request,
}, testInfo) => {
  const { instances } = await placement(request);
  const target = instances[Math.floor(instances.length / 2)];
  if (!target) throw new Error("the demo fleet has no instances");

  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/topology");
  const canvas = mapCanvas(page);
  const wholeMap = await settledView(canvas);
  await screenshot(page, testInfo, "map-whole-dark");

  await page.getByLabel("Search (service, instance, label, place)", { exact: true }).fill(target.id);
  await page.getByLabel("Search (service, instance, label, place)", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/q=/);
  const panel = page.getByRole("complementary", { name: "Selected entity" });
  await expect(panel.getByRole("heading", { name: target.id })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /match(es)? for/ })).toBeVisible();
  const landed = await settledView(canvas);
  expect(scaleOf(landed)).toBeGreaterThan(scaleOf(wholeMap) * 2);
  await expect(canvas).toHaveAttribute("data-detail", "instance");
  await screenshot(page, testInfo, "map-search-landed-dark");

  const legend = page.getByRole("list", { name: "Legend" });
  await expect(legend).toContainText("Pause p99 <");
  await page.getByLabel("Colour by", { exact: true }).selectOption({ label: "Memory headroom" });
  await expect(page).toHaveURL(/lens=headroom/);
  await expect(legend).toContainText("Headroom ≥ 20%");
  await expect(legend).toContainText("< 10%");
  await page.getByLabel("Colour by", { exact: true }).selectOption({ label: "Up / down" });
  await expect(legend.getByRole("listitem")).toHaveText(["Up", "Down"]);
  // A new lens recolours the map where it is: the view stays.
  expect(await viewOf(canvas)).toBe(landed);

  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("button", { name: "Fit the whole map" }).click();
  await settledView(canvas);
  await screenshot(page, testInfo, "map-whole-light");
});

test("zoom, selection and filters survive a live update", async ({ page }) => {
  await page.goto("/topology?health=unhealthy");
  const canvas = mapCanvas(page);
  const table = page.getByRole("table", { name: "Unhealthy instances on the map" });
  const pick = table.locator("tbody tr").first().getByRole("rowheader").getByRole("button");
  const instanceId = (await pick.textContent()) ?? "";
  await pick.click();
  await settledView(canvas);
  await page.getByRole("button", { name: "Zoom in" }).click();
  await page.getByRole("button", { name: "Zoom in" }).click();
  const zoomed = await settledView(canvas);

  const placementArea = page.locator("[data-snapshot-at]");
  const before = await placementArea.getAttribute("data-snapshot-at");
  await expect.poll(() => placementArea.getAttribute("data-snapshot-at"), { timeout: 10_000 }).not.toBe(before);

  expect(await viewOf(canvas)).toBe(zoomed);
  await expect(page).toHaveURL(/health=unhealthy/);
  await expect(page).toHaveURL(/sel=instance/);
  await expect(
    page.getByRole("complementary", { name: "Selected entity" }).getByRole("heading", { name: instanceId }),
  ).toBeVisible();
});
