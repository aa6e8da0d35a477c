import type { APIRequestContext, Locator, Page, TestInfo } from "@playwright/test";
import { seriousAccessibilityViolations } from "./accessibility.ts";
import { expect, test } from "./fixtures.ts";

test.use({ viewport: { width: 1440, height: 900 } });
test.setTimeout(60_000);

interface GraphNode {
  id: string;
  serviceId: string;
  name: string;
  regionIds: string[];
  external: boolean;
}
interface GraphEdge {
  from: string;
  to: string;
  rps: number;
  crossRegion: boolean;
}
interface ServiceGraph {
  atMs: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The graph as the console's API answers it, for the same scope the page shows. */
async function serviceGraph(request: APIRequestContext, regionId: string | null): Promise<ServiceGraph> {
  const input = encodeURIComponent(JSON.stringify({ regionId }));
  const response = await request.get(`/trpc/topology.serviceGraph?input=${input}`);
  expect(response.ok()).toBe(true);
  return (await response.json()).result.data as ServiceGraph;
}

/** How the page names a node: the service, and for one of another region, that region. */
const title = (node: GraphNode) => (node.external ? `${node.name} · ${node.regionIds.join(", ")}` : node.name);

const stage = (page: Page) => page.locator(".service-graph__stage[data-layout-key]");
const canvas = (page: Page) => page.getByRole("img", { name: /^Service graph:/ });

/** Pixels of the canvas that differ from its background: the graph has really been drawn. */
async function drawnPixels(page: Page): Promise<number> {
  return canvas(page).evaluate((element) => {
    const canvasElement = element as HTMLCanvasElement;
    const ctx = canvasElement.getContext("2d");
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvasElement.width, canvasElement.height);
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) drawn++;
    return drawn;
  });
}

/** The screen point (relative to the canvas) of a node's centre, from the layout and view the page exposes. */
async function nodeScreenPoint(page: Page, nodeId: string) {
  const positions = JSON.parse((await stage(page).getAttribute("data-node-positions")) ?? "{}") as Record<
    string,
    [number, number]
  >;
  const [scale, x, y] = ((await stage(page).getAttribute("data-viewport")) ?? "").split(" ").map(Number);
  const position = positions[nodeId];
  if (!position || scale === undefined || x === undefined || y === undefined)
    throw new Error(`no position for ${nodeId}`);
  // A box is at least 96 × 40 layout pixels: aim a little inside its top-left corner.
  return { x: (position[0] + 30) * scale + x, y: (position[1] + 20) * scale + y };
}

/** The names in a table's first column. */
async function firstColumn(table: Locator): Promise<string[]> {
  return (await table.locator("tbody tr > :first-child").allTextContents()).map((text) => text.trim());
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("on-call opens the service graph, finds checkout and reads who calls it and what it calls", async ({
  page,
  request,
}, testInfo) => {
  const graph = await serviceGraph(request, null);
  expect(graph.nodes.length).toBeGreaterThan(5);

  await page.goto("/topology?view=graph");
  await expect(page.getByRole("link", { name: "Service graph" })).toHaveAttribute("aria-current", "page");
  await expect(stage(page)).toHaveAttribute("data-node-count", String(graph.nodes.length));
  await expect(stage(page)).toHaveAttribute("data-edge-count", String(graph.edges.length));
  await expect.poll(() => drawnPixels(page), { message: "the canvas draws the graph" }).toBeGreaterThan(5_000);

  await page.getByLabel("Find a service").fill("checkout");
  await page.getByLabel("Find a service").press("Enter");
  await expect(page).toHaveURL(/focus=checkout/);
  const panel = page.getByRole("complementary", { name: "Selected service" });
  await expect(panel.getByRole("heading", { name: "checkout" })).toBeVisible();
  const callers = graph.edges.filter((e) => e.to === "checkout").map((e) => e.from);
  const callees = graph.edges.filter((e) => e.from === "checkout").map((e) => e.to);
  expect(callers.length).toBeGreaterThan(0);
  expect(callees.length).toBeGreaterThan(1);
  expect((await firstColumn(panel.getByRole("table", { name: "Callers of checkout" }))).sort()).toEqual(callers.sort());
  expect((await firstColumn(panel.getByRole("table", { name: "Callees of checkout" }))).sort()).toEqual(callees.sort());
  await expect(panel.getByRole("link", { name: "Open the checkout service page" })).toHaveAttribute(
    "href",
    "/services/checkout",
  );
  await screenshot(page, testInfo, "service-graph-checkout");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // The keyboard way: every call in a table; choosing a caller there selects it.
  await page.getByText(/^Table of calls/).click();
  const calls = page.getByRole("table", { name: "Calls between services" });
  await expect(calls.locator("tbody tr")).toHaveCount(graph.edges.length);
  await calls.getByRole("button", { name: "payments", exact: true }).first().click();
  await expect(page).toHaveURL(/focus=payments/);
  await expect(panel.getByRole("heading", { name: "payments" })).toBeVisible();
  await expect(
    panel.getByRole("table", { name: "Callers of payments" }).getByRole("button", { name: "checkout" }),
  ).toBeVisible();

  // And the pointer way: a click on a node of the canvas selects that service.
  await page.getByRole("button", { name: "Fit" }).click();
  const box = await canvas(page).boundingBox();
  const onCanvas = async () => {
    const { x, y } = await nodeScreenPoint(page, "api-gateway");
    return x > 0 && y > 0 && x < (box?.width ?? 0) && y < (box?.height ?? 0);
  };
  await expect.poll(onCanvas, { message: "the fitted view shows api-gateway" }).toBe(true);
  const point = await nodeScreenPoint(page, "api-gateway");
  await canvas(page).click({ position: point });
  await expect(page).toHaveURL(/focus=api-gateway/);
  await expect(panel.getByRole("heading", { name: "api-gateway" })).toBeVisible();
  await expect(panel.getByRole("table", { name: "Callers of api-gateway" })).toContainText(
    "Nothing in this graph calls it.",
  );
});

test("a region's graph shows the services of other regions its calls cross to, and those calls", async ({
  page,
  request,
}, testInfo) => {
  const regionId = "us-east";
  const graph = await serviceGraph(request, regionId);
  const external = graph.nodes.filter((n) => n.external);
  const crossing = graph.edges.filter((e) => e.crossRegion);
  expect(external.length).toBeGreaterThan(0);
  expect(crossing.length).toBeGreaterThan(0);

  await page.goto(`/topology?view=graph&region=${regionId}`);
  await expect(page.getByLabel("Filter by region")).toHaveValue(regionId);
  await expect(stage(page)).toHaveAttribute("data-node-count", String(graph.nodes.length));
  await expect(stage(page)).toHaveAttribute("data-edge-count", String(graph.edges.length));
  const nodeIds = Object.keys(JSON.parse((await stage(page).getAttribute("data-node-positions")) ?? "{}"));
  for (const node of external) expect(nodeIds).toContain(node.id);

  await page.getByText(/^Table of calls/).click();
  const calls = page.getByRole("table", { name: "Calls between services" });
  const crossRows = calls.locator("tbody tr").filter({ hasText: /yes, / });
  await expect(crossRows).toHaveCount(crossing.length);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const edge = crossing[0]!;
  const row = crossRows.filter({ hasText: title(byId.get(edge.from)!) }).filter({ hasText: title(byId.get(edge.to)!) });
  await expect(row).toHaveCount(1);
  await expect(page.getByText("crosses regions")).toBeVisible();
  await expect(page.getByText("service in another region")).toBeVisible();
  await screenshot(page, testInfo, "service-graph-us-east");
});

test("the graph refreshes in place: the layout, the view and the selection stay", async ({ page }) => {
  await page.goto("/topology?view=graph&focus=checkout");
  await expect(page.getByRole("complementary", { name: "Selected service" })).toBeVisible();
  await expect(stage(page)).toHaveAttribute("data-viewport", /\d/);
  await canvas(page).focus();
  await page.keyboard.press("+");
  await page.keyboard.press("ArrowRight");
  const before = {
    at: await stage(page).getAttribute("data-graph-at"),
    key: await stage(page).getAttribute("data-layout-key"),
    positions: await stage(page).getAttribute("data-node-positions"),
  };
  await expect.poll(() => stage(page).getAttribute("data-viewport")).not.toBe(null);
  const viewBefore = await stage(page).getAttribute("data-viewport");

  // The page refetches every 5 s; the demo fleet's time moves on, so the data is new.
  await expect(stage(page)).not.toHaveAttribute("data-graph-at", before.at ?? "", { timeout: 15_000 });
  await expect(stage(page)).toHaveAttribute("data-layout-key", before.key ?? "");
  expect(await stage(page).getAttribute("data-node-positions")).toBe(before.positions);
  expect(await stage(page).getAttribute("data-viewport")).toBe(viewBefore);
  await expect(page).toHaveURL(/focus=checkout/);
  await expect(
    page.getByRole("complementary", { name: "Selected service" }).getByRole("heading", { name: "checkout" }),
  ).toBeVisible();
});
