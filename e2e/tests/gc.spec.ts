import type { Locator, Page, TestInfo } from "@playwright/test";
import { seriousAccessibilityViolations } from "./accessibility.ts";
import { callMutation, expect, test } from "./fixtures.ts";

test.use({ viewport: { width: 1280, height: 800 } });
// Each test walks several pages of charts (and runs axe twice in the first).
test.setTimeout(90_000);

/** "850 µs", "4.20 ms", "1.20 s" as seconds; NaN for a cell without a number. */
function seconds(text: string): number {
  const match = /([\d.]+)\s*(µs|ms|s)\b/.exec(text);
  if (!match) return Number.NaN;
  const scale = { µs: 1e-6, ms: 1e-3, s: 1 }[match[2] as "µs" | "ms" | "s"];
  return Number(match[1]) * scale;
}

/** The text of one column of a table's body, found by its header's text. */
async function columnTexts(table: Locator, header: RegExp): Promise<string[]> {
  const headers = await table.locator("thead th").allTextContents();
  const index = headers.findIndex((text) => header.test(text));
  if (index < 0) throw new Error(`no column ${header} among ${headers.join(" | ")}`);
  return table.locator(`tbody tr > :nth-child(${index + 1})`).allTextContents();
}

/** A GC chart by its title, as screen readers and tests find it. */
const chart = (page: Page, title: string) => page.getByRole("figure", { name: title, exact: true });

/** recharts has drawn at least one line with points in it. */
async function expectDrawnLines(figure: Locator, count?: number) {
  const lines = figure.locator(".recharts-line path.recharts-curve");
  if (count === undefined) await expect(lines.first()).toBeVisible();
  else await expect(lines).toHaveCount(count);
  await expect(lines.first()).toHaveAttribute("d", /^M[\d.]+,[\d.]+L/);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("on-call ranks services by worst pause and reaches one instance's GC charts in two clicks", async ({
  page,
}, testInfo) => {
  await page.goto("/gc");
  await expect(page.getByRole("heading", { level: 1, name: "GC leaderboard" })).toBeVisible();
  const levels = page.getByRole("navigation", { name: "Rank by" });
  await expect(levels.getByRole("link", { name: "Services" })).toHaveAttribute("aria-current", "page");
  await expect(levels.getByRole("link", { name: "Instances" })).not.toHaveAttribute("aria-current");
  const services = page.getByRole("table", { name: "Services by GC cost" });
  await expect(services.locator("tbody tr").first().getByRole("link")).toBeVisible();
  await screenshot(page, testInfo, "gc-leaderboard");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  const pauseHeader = services.getByRole("columnheader", { name: /Pause p99/ });
  await expect(pauseHeader).not.toHaveAttribute("aria-sort");
  await pauseHeader.getByRole("button").click();
  await expect(pauseHeader).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/sort=pauseP99Seconds/);
  await expect
    .poll(async () => {
      const pauses = (await columnTexts(services, /Pause p99/)).map(seconds).filter(Number.isFinite);
      return pauses.length > 1 && pauses[0] === Math.max(...pauses);
    })
    .toBe(true);

  // Click one: the service with the worst pause.
  const worst = services.locator("tbody tr").first().getByRole("rowheader").getByRole("link");
  const serviceName = (await worst.textContent()) ?? "";
  await worst.click();
  await expect(page).toHaveURL(/\/services\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(serviceName);
  for (const title of ["Stop-the-world pauses", "Heap: live, in use, goal and limit", "GC CPU fraction"]) {
    await expect(chart(page, title)).toBeVisible();
  }
  await expectDrawnLines(chart(page, "Stop-the-world pauses"), 3);
  await screenshot(page, testInfo, "gc-service");

  // Click two: one of its instances.
  const instanceLink = page
    .getByRole("table", { name: /instances/i })
    .locator("tbody tr")
    .first()
    .getByRole("link");
  const instanceId = (await instanceLink.first().textContent()) ?? "";
  await instanceLink.first().click();
  await expect(page).toHaveURL(new RegExp(`/instances/${instanceId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(instanceId);
  await expectDrawnLines(chart(page, "Heap: live, in use, goal and limit"));
  await expectDrawnLines(chart(page, "RSS vs container limit"));
  await expect(page.getByText("Runtime config in force")).toBeVisible();
  await screenshot(page, testInfo, "gc-instance");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test("an instance's charts follow the range picker, mark a GOGC change and overlay another instance", async ({
  page,
  request,
  baseURL,
}) => {
  const leaderboard = await (
    await request.get(
      `/trpc/gc.leaderboard?input=${encodeURIComponent(JSON.stringify({ level: "service", sort: "instances" }))}`,
    )
  ).json();
  const serviceId = leaderboard.result.data.leaderboard.rows[0].id as string;
  const detail = await (
    await request.get(`/trpc/fleet.service?input=${encodeURIComponent(JSON.stringify({ serviceId }))}`)
  ).json();
  const [instanceId, otherId] = (detail.result.data.instances as { instance: { id: string } }[]).map(
    (row) => row.instance.id,
  );
  if (!instanceId || !otherId) throw new Error(`service ${serviceId} has fewer than two instances`);

  await page.goto(`/instances/${instanceId}`);
  const pauses = chart(page, "Stop-the-world pauses");
  await expectDrawnLines(pauses, 3);
  const ranges = page.getByRole("group", { name: "Time range" });
  await expect(ranges.getByRole("button", { name: "1h" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  await ranges.getByRole("button", { name: "7d" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(ranges.getByRole("button", { name: "7d" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("Last 7 days")).toBeVisible();
  // A week's axis is labelled with dates ("14 Mar"), an hour's with times only.
  await expect(
    pauses
      .locator(".recharts-cartesian-axis-tick-value")
      .filter({ hasText: /^\d{1,2} [A-Z][a-z]{2}/ })
      .first(),
  ).toBeVisible();
  await expectDrawnLines(pauses, 3);

  const origin = new URL(baseURL ?? "").origin;
  const changed = await callMutation(request, origin, "demo.setRuntimeConfig", {
    instanceIds: [instanceId],
    patch: { gogc: 321 },
  });
  expect(changed.ok()).toBe(true);
  // The last 15 minutes are sampled every second, so the change shows within one refresh.
  await ranges.getByRole("button", { name: "15m" }).click();
  await expect(page).toHaveURL(/range=15m/);
  for (const title of ["Stop-the-world pauses", "Heap: live, in use, goal and limit"]) {
    const marker = chart(page, title).locator(".recharts-reference-line").filter({ hasText: "GOGC → 321" });
    await expect(marker).toHaveCount(1, { timeout: 20_000 });
  }
  await expect(page.getByText(/runtime config change.* in this range/)).toBeVisible();

  await page.getByLabel("Compare with…").selectOption(otherId);
  await expect(page).toHaveURL(new RegExp(`compare=${otherId}`));
  const overlay = chart(page, "Compare: Pause p99");
  await expectDrawnLines(overlay, 2);
  await expect(overlay).toContainText(`${instanceId} (this instance)`);
  await expect(overlay).toContainText(otherId);

  await page.getByLabel("Metric").selectOption({ label: "Goroutines" });
  await expect(page).toHaveURL(/metric=goroutines/);
  await expectDrawnLines(chart(page, "Compare: Goroutines"), 2);
});

test("a custom range is checked before it is charted, and a pasted bad range falls back to the default", async ({
  page,
}) => {
  const leaderboard = page.getByRole("table", { name: "Instances by GC cost" });
  await page.goto("/gc?level=instance");
  const first = leaderboard.locator("tbody tr").first().getByRole("rowheader").getByRole("link");
  await first.click();
  await expect(page).toHaveURL(/\/instances\/[^/?]+$/);

  await page.getByRole("button", { name: "Custom…" }).click();
  const form = page.getByRole("form", { name: "Custom time range" });
  await form.getByLabel("To").fill("2020-01-01T00:00");
  await form.getByRole("button", { name: "Apply range" }).click();
  await expect(form.getByRole("alert")).toHaveText("The end must be after the start.");

  const to = await form.getByLabel("From").inputValue();
  const toMs = new Date(to).getTime() + 30 * 60_000;
  const pad = (n: number) => String(n).padStart(2, "0");
  const local = new Date(toMs);
  await form
    .getByLabel("To")
    .fill(
      `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`,
    );
  await form.getByRole("button", { name: "Apply range" }).click();
  await expect(page).toHaveURL(/from=\d+&to=\d+/);
  await expect(page.getByRole("button", { name: "Custom…" })).toHaveAttribute("aria-pressed", "true");
  await expectDrawnLines(chart(page, "Stop-the-world pauses"), 3);
  await expect(page.getByText("Live", { exact: true })).toHaveCount(0);

  const instanceUrl = new URL(page.url());
  await page.goto(`${instanceUrl.pathname}?range=forever&from=yesterday`);
  await expect(page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "1h" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expectDrawnLines(chart(page, "Stop-the-world pauses"), 3);
});

test("the leaderboard ranks clusters and leads to a cluster's instances, filtered by region and name", async ({
  page,
}) => {
  await page.goto("/gc");
  await page.getByRole("navigation", { name: "Rank by" }).getByRole("link", { name: "Clusters" }).click();
  await expect(page).toHaveURL(/level=cluster/);
  const clusters = page.getByRole("table", { name: "Clusters by GC cost" });
  const cluster = clusters.locator("tbody tr").first().getByRole("rowheader").getByRole("link");
  const clusterName = (await cluster.textContent()) ?? "";
  await cluster.click();
  await expect(page).toHaveURL(/level=instance/);
  await expect(page).toHaveURL(/cluster=/);
  await expect(page.getByText(`Cluster: ${clusterName}`)).toBeVisible();
  const instances = page.getByRole("table", { name: "Instances by GC cost" });
  await expect(instances.locator("tbody tr").first().getByRole("rowheader").getByRole("link")).toBeVisible();

  const region = await page.getByLabel("Filter by region").inputValue();
  expect(region).not.toBe("");
  const firstService =
    (await instances.locator("tbody tr").first().locator("td").first().getByRole("link").first().textContent()) ?? "";
  await page.getByLabel("Name contains").fill(firstService);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(firstService)}`));
  await expect
    .poll(async () => {
      const rows = await instances.locator("tbody tr").allTextContents();
      return rows.length > 0 && rows.every((row) => row.toLowerCase().includes(firstService.toLowerCase()));
    })
    .toBe(true);
});
