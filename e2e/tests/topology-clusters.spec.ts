import type { APIRequestContext, Locator, Page, TestInfo } from "@playwright/test";
import { seriousAccessibilityViolations } from "./accessibility.ts";
import { callMutation, expect, test } from "./fixtures.ts";

/** The parts of `topology.cluster` this spec compares the page with. */
interface ClusterAnswer {
  clusterId: string;
  name: string;
  regionId: string;
  detail:
    | {
        kind: "kubernetes";
        nodes: unknown[];
        workloads: { name: string }[];
        pods: { name: string; restarts: number }[];
      }
    | { kind: "etcd"; raftTerm: number | null; members: { name: string; isLeader: boolean }[] }
    | { kind: "tidb"; placementDrivers: unknown[]; stores: { address: string; regionCount: number | null }[] }
    | { kind: "vm" };
}

async function clusters(request: APIRequestContext): Promise<ClusterAnswer[]> {
  const response = await request.get("/trpc/topology.clusters");
  expect(response.ok()).toBe(true);
  return (await response.json()).result.data.clusters as ClusterAnswer[];
}

async function firstOfKind<K extends ClusterAnswer["detail"]["kind"]>(request: APIRequestContext, kind: K) {
  const found = (await clusters(request)).find((c) => c.detail.kind === kind);
  if (!found) throw new Error(`the demo fleet has no ${kind} cluster`);
  return found as ClusterAnswer & { detail: Extract<ClusterAnswer["detail"], { kind: K }> };
}

/**
 * The text of each cell of one column, found by its header: a cell's first piece of text, so a
 * pod's name without its instance's links underneath, or a summary without its problem badge.
 */
async function columnTexts(table: Locator, header: string): Promise<string[]> {
  const headers = (await table.getByRole("columnheader").allTextContents()).map((t) => t.replace(/[▲▼↕]/g, "").trim());
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`no column "${header}" in [${headers.join(", ")}]`);
  return table.evaluate((element, column) => {
    const firstText = (node: Element): string =>
      node.firstElementChild ? firstText(node.firstElementChild) : (node.textContent ?? "").trim();
    return Array.from(element.querySelectorAll("tbody tr")).map((row) => {
      const cell = row.children.item(column);
      return cell ? firstText(cell) : "";
    });
  }, index);
}

async function snap(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** Opens a cluster's page the way a person does: the Clusters tab of Topology, then its link. */
async function openFromClustersTab(page: Page, cluster: ClusterAnswer) {
  await page.goto("/topology?view=clusters");
  await page.getByRole("table", { name: "Clusters" }).getByRole("link", { name: cluster.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/clusters/${cluster.clusterId}$`));
  await expect(page.getByRole("heading", { level: 1, name: cluster.name })).toBeVisible();
}

test("the Clusters tab lists every cluster with its kind, region and a summary", async ({
  page,
  request,
}, testInfo) => {
  const answer = await clusters(request);
  const kinds = new Set(answer.map((c) => c.detail.kind));
  expect([...kinds].sort()).toEqual(["etcd", "kubernetes", "tidb", "vm"]);

  await page.goto("/topology");
  await page.getByRole("navigation", { name: "Topology views" }).getByRole("link", { name: "Clusters" }).click();
  const table = page.getByRole("table", { name: "Clusters" });
  await expect(table.getByRole("row")).toHaveCount(answer.length + 1);
  for (const cluster of answer) {
    await expect(table.getByRole("row").filter({ hasText: cluster.name })).toHaveCount(1);
  }
  expect(new Set(await columnTexts(table, "Kind"))).toEqual(new Set(["Kubernetes", "etcd", "TiDB", "VM"]));
  const summaries = await columnTexts(table, "Summary");
  expect(summaries.some((s) => /\d+ nodes? · \d+ pods?/.test(s))).toBe(true);
  expect(summaries.some((s) => /members up · leader /.test(s))).toBe(true);
  expect(summaries.some((s) => /\d+ stores? · [\d,]+ regions?/.test(s))).toBe(true);
  await snap(page, testInfo, "clusters-tab");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test("a Kubernetes cluster's page shows the nodes, workloads and pods its control plane reports", async ({
  page,
  request,
}, testInfo) => {
  const cluster = await firstOfKind(request, "kubernetes");
  await openFromClustersTab(page, cluster);
  const { nodes, workloads, pods } = cluster.detail;
  await expect(page.getByRole("table", { name: "Nodes" }).locator("tbody tr")).toHaveCount(Math.min(nodes.length, 25));
  await expect(page.getByRole("table", { name: "Workloads" }).locator("tbody tr")).toHaveCount(
    Math.min(workloads.length, 25),
  );
  const podsTable = page.getByRole("table", { name: "Pods" });
  await expect(podsTable.locator("tbody tr")).toHaveCount(Math.min(pods.length, 50));
  if (pods.length > 50) await page.getByRole("button", { name: `Show all ${pods.length} pods` }).click();
  await expect(podsTable.locator("tbody tr")).toHaveCount(pods.length);
  await expect(page.getByLabel("Cluster totals")).toContainText(`/${pods.length}`);
  expect((await columnTexts(podsTable, "Pod")).sort()).toEqual(pods.map((p) => p.name).sort());
  await expect(page.getByText(/^Live · updated/)).toBeVisible();
  await snap(page, testInfo, "kubernetes-cluster");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test("pods sort by restarts, and a pod leads to its instance's GC page in one click", async ({ page, request }) => {
  const cluster = await firstOfKind(request, "kubernetes");
  await openFromClustersTab(page, cluster);
  const podsTable = page.getByRole("table", { name: "Pods" });
  await podsTable.getByRole("button", { name: /Restarts/ }).click();
  const restarts = (await columnTexts(podsTable, "Restarts")).map((text) => Number(text.replace(/,/g, "")));
  expect(restarts).toEqual([...restarts].sort((a, b) => b - a));
  const firstInstance = podsTable.locator("tbody tr").first().getByRole("link").first();
  const instanceId = (await firstInstance.textContent()) ?? "";
  await firstInstance.click();
  await expect(page).toHaveURL(new RegExp(`/instances/${instanceId}$`));
  await expect(page.getByRole("heading", { level: 1, name: instanceId })).toBeVisible();

  await page.goBack();
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Topology" }).click();
  await expect(page.getByRole("table", { name: "Clusters" })).toBeVisible();
});

test("an etcd cluster's page shows its members with exactly one leader and the raft term", async ({
  page,
  request,
}, testInfo) => {
  const cluster = await firstOfKind(request, "etcd");
  await openFromClustersTab(page, cluster);
  const members = page.getByRole("table", { name: "etcd members" });
  await expect(members.locator("tbody tr")).toHaveCount(cluster.detail.members.length);
  await expect(members.getByRole("cell", { name: "leader", exact: true })).toHaveCount(1);
  expect(await columnTexts(members, "Status")).toEqual(cluster.detail.members.map(() => "up"));
  expect((await columnTexts(members, "Member")).sort()).toEqual(cluster.detail.members.map((m) => m.name).sort());
  // The row marked leader is the member the summary names (our own read may predate an election).
  const summary = page.getByLabel("etcd cluster summary");
  const leaderName = (await summary.getByRole("definition").first().textContent()) ?? "";
  const leaderRow = members
    .locator("tbody tr")
    .filter({ has: page.getByRole("cell", { name: "leader", exact: true }) });
  await expect(leaderRow.getByRole("cell").first()).toHaveText(leaderName);
  await expect(summary).toContainText("Raft term");
  await snap(page, testInfo, "etcd-cluster");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test("a TiDB cluster's page shows its placement drivers and its stores with region counts", async ({
  page,
  request,
}, testInfo) => {
  const cluster = await firstOfKind(request, "tidb");
  await openFromClustersTab(page, cluster);
  const drivers = page.getByRole("table", { name: "Placement drivers" });
  await expect(drivers.locator("tbody tr")).toHaveCount(cluster.detail.placementDrivers.length);
  await expect(drivers.getByRole("cell", { name: "leader", exact: true })).toHaveCount(1);

  const stores = page.getByRole("table", { name: "Stores" });
  const { stores: expected } = cluster.detail;
  await expect(stores.locator("tbody tr")).toHaveCount(expected.length);
  const addresses = await columnTexts(stores, "Address");
  const regions = await columnTexts(stores, "Regions");
  for (const store of expected) {
    const row = addresses.indexOf(store.address);
    expect(row).toBeGreaterThanOrEqual(0);
    expect(Number(regions[row]?.replace(/,/g, ""))).toBeGreaterThan(0);
  }
  await snap(page, testInfo, "tidb-cluster");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test("a memory-limit fault raises its pods' restarts on the live cluster page, without a reload", async ({
  page,
  request,
  baseURL,
}, testInfo) => {
  const cluster = (await clusters(request)).find(
    (c) => c.detail.kind === "kubernetes" && c.detail.workloads.some((w) => w.name === "checkout"),
  );
  if (!cluster) throw new Error("no Kubernetes cluster runs checkout");
  await openFromClustersTab(page, cluster);
  await expect(page.getByText(/^Live · updated/)).toBeVisible();
  const podsTable = page.getByRole("table", { name: "Pods" });
  /** Pod name → restarts, for checkout's pods (the table reorders itself as pods stop being ready). */
  const checkoutRestarts = async () => {
    const [names, workloads, restarts] = await Promise.all(
      ["Pod", "Workload", "Restarts"].map((header) => columnTexts(podsTable, header)),
    );
    const byPod = new Map<string, number>();
    names?.forEach((name, i) => {
      if (workloads?.[i] === "Deployment/checkout") byPod.set(name, Number(restarts?.[i]?.replace(/,/g, "")));
    });
    return byPod;
  };
  const before = await checkoutRestarts();
  expect(before.size).toBeGreaterThan(0);
  await page.evaluate(() => {
    (window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true;
  });

  const injected = await callMutation(request, new URL(baseURL ?? "").origin, "demo.injectFault", {
    kind: "memory-limit-too-low",
    serviceId: "checkout",
  });
  expect(injected.ok()).toBe(true);

  // Each checkout pod is OOM-killed and restarted: its count rises and it is no longer ready.
  await expect
    .poll(async () => {
      const after = await checkoutRestarts();
      return [...before].every(([name, count]) => (after.get(name) ?? 0) > count);
    })
    .toBe(true);
  const firstPod = podsTable.locator("tbody tr").first();
  await expect(firstPod).toContainText("Deployment/checkout");
  await expect(firstPod).toContainText("not ready");
  expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
  await snap(page, testInfo, "kubernetes-cluster-under-fault");
});

test.describe("a cluster that does not exist", () => {
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test("says so and leads back", async ({ page }) => {
    await page.goto("/clusters/no-such-cluster");
    await expect(page.getByText("No cluster named no-such-cluster")).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the fleet overview" })).toBeVisible();
  });
});
