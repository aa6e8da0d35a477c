import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { formatBytes, formatSeconds } from "@fleetdeck/core";
import {
  freePort,
  type StartedEtcd,
  type StartedPrometheus,
  startEtcd,
  startPrometheus,
} from "@fleetdeck/sources/testing";
import type { Locator, Page } from "@playwright/test";
import { adminAccount } from "./accounts.ts";
import { expect, test } from "./fixtures.ts";
import { type ConsoleServer, startConsoleServer } from "./support/console-server.ts";

// Each part of this spec runs consoles of its own, with their own sources files.
test.use({ signedInAs: null });

test.describe("a Prometheus that scrapes etcd and the demo fleet", () => {
  let fleetdeck: ConsoleServer;
  let etcd: StartedEtcd;
  let prometheus: StartedPrometheus;
  let dir: string;

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    dir = await mkdtemp(path.join(tmpdir(), "fleetdeck-e2e-prometheus-real-"));
    etcd = await startEtcd();
    // The console is told where Prometheus will listen; Prometheus needs the console's token first.
    const prometheusPort = await freePort();
    const sourcesFile = path.join(dir, "sources.yaml");
    await writeFile(
      sourcesFile,
      [
        "sources:",
        "  - id: demo",
        "    kind: demo",
        "  - id: lab",
        "    kind: prometheus",
        `    url: http://127.0.0.1:${prometheusPort}`,
        "    scrapeIntervalSeconds: 1",
        "    timeoutMs: 2000",
        "    retries: 0",
        "",
      ].join("\n"),
    );
    fleetdeck = await startConsoleServer(
      { FLEETDECK_SOURCES_FILE: sourcesFile, FLEETDECK_DEMO_INSTANCES: "40" },
      { readyWhen: "serving" },
    );
    const token = await createApiToken(fleetdeck.url);
    prometheus = await startPrometheus({
      port: prometheusPort,
      scrapeSelf: true,
      scrapeIntervalSeconds: 1,
      scrapeConfigs: [
        { job_name: "etcd", static_configs: [{ targets: [etcd.clientAddress] }] },
        {
          job_name: "fleetdeck-demo",
          http_sd_configs: [
            {
              url: `${fleetdeck.url}/demo/targets`,
              refresh_interval: "5s",
              authorization: { type: "Bearer", credentials: token },
            },
          ],
          authorization: { type: "Bearer", credentials: token },
        },
      ],
    });
    // Rates need a few scrapes: wait until etcd's and the demo's series have several seconds of data.
    await expect(async () => {
      expect(await promql(prometheus.url, `count_over_time(go_goroutines{job="etcd"}[10s])`)).toBeGreaterThanOrEqual(5);
      expect(await promql(prometheus.url, `count(up{job!~"etcd|prometheus"} == 1)`)).toBeGreaterThan(0);
    }).toPass({ timeout: 60_000, intervals: [1_000] });
  });
  test.afterAll(async () => {
    await prometheus?.stop();
    await fleetdeck?.stop();
    await etcd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("on-call finds etcd on the GC leaderboard with the numbers Prometheus has, then its charts", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signInPage(page, fleetdeck.url);
    const instanceId = etcd.clientAddress;
    const selector = `{instance="${instanceId}"}`;

    await page.goto(`${fleetdeck.url}/gc?level=instance&service=etcd`);
    const table = page.getByRole("table", { name: "Instances by GC cost" });
    const row = table.locator("tbody tr").filter({ hasText: instanceId });
    // Prometheus moves on every second: read the row and ask Prometheus until both saw the same scrape.
    await expect(async () => {
      await page.reload();
      await expect(row).toBeVisible();
      const [goroutinesText, heapText, pauseText] = [
        await (await cellOf(table, row, "Goroutines")).textContent(),
        await (await cellOf(table, row, "Heap in use / goal / limit")).textContent(),
        await (await cellOf(table, row, "Pause p99")).textContent(),
      ];
      // The same formulas as the source's gc-queries.ts: gauges as they are, the Go 1.22+ pause
      // histogram's 0.99 quantile over four scrape intervals (etcd's older Go lacks it: "—").
      const goroutines = await promql(prometheus.url, `go_goroutines${selector}`);
      const heapInUse = await promql(prometheus.url, `go_memstats_heap_inuse_bytes${selector}`);
      const pauseP99 = await promqlOrNull(
        prometheus.url,
        `histogram_quantile(0.99, sum by (le, instance) (rate(go_sched_pauses_total_gc_seconds_bucket${selector}[4s])))`,
      );
      expect(goroutinesText?.trim()).toBe(new Intl.NumberFormat("en-US").format(goroutines));
      expect(heapText).toContain(formatBytes(heapInUse).split(" ")[0]);
      expect(pauseText).toContain(pauseP99 === null ? "—" : formatSeconds(pauseP99));
    }).toPass({ timeout: 40_000, intervals: [1_000] });

    await row.getByRole("link", { name: instanceId }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(instanceId);
    const heapChart = page.getByRole("figure", { name: "Heap: live, in use, goal and limit", exact: true });
    await expect(heapChart.locator(".recharts-line path.recharts-curve").first()).toBeVisible({ timeout: 20_000 });
  });
});

test.describe("a Prometheus source that is down", () => {
  let server: ConsoleServer;
  let workDir: string;
  let closedPort: number;

  test.beforeAll(async () => {
    // A first start creates the database and hashes the admin's password: slow on a busy machine.
    test.setTimeout(90_000);
    workDir = await mkdtemp(path.join(tmpdir(), "fleetdeck-e2e-prometheus-"));
    closedPort = await unusedPort();
    const sourcesFile = path.join(workDir, "sources.yaml");
    await writeFile(
      sourcesFile,
      [
        "sources:",
        "  - id: demo",
        "    kind: demo",
        "  - id: prod-eu",
        "    kind: prometheus",
        `    url: http://127.0.0.1:${closedPort}`,
        "    timeoutMs: 500",
        "    retries: 0",
        "",
      ].join("\n"),
    );
    server = await startConsoleServer({ FLEETDECK_SOURCES_FILE: sourcesFile }, { readyWhen: "serving" });
  });
  test.afterAll(async () => {
    await server?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  test("on-call sees that the Prometheus source is down, and still sees the demo fleet", async ({ page }) => {
    test.setTimeout(60_000);
    const login = await page.request.post(`${server.url}/trpc/auth.login`, {
      headers: { origin: server.url, "content-type": "application/json" },
      data: JSON.stringify(adminAccount),
    });
    expect(login.ok()).toBe(true);

    await page.goto(`${server.url}/`);
    await expect(page.getByRole("heading", { level: 1, name: "Fleet overview" })).toBeVisible();
    // The banner names the failing source, and the demo fleet's leaderboards still fill.
    await expect(page.getByText(/Source "prod-eu" is failing/).first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole("table").first().getByRole("row").nth(1)).toBeVisible();

    await page.goto(`${server.url}/settings`);
    const sources = page.getByRole("list", { name: "Sources" });
    const prometheus = sources.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "prod-eu" }) });
    await expect(prometheus.getByText("prometheus", { exact: true })).toBeVisible();
    await expect(prometheus.getByText(`http://127.0.0.1:${closedPort}`, { exact: true })).toBeVisible();
    await expect(prometheus.getByText("Failing")).toBeVisible({ timeout: 20_000 });
    // The error says which source failed and what it asked.
    await expect(prometheus.getByText(/^prometheus source "prod-eu": .*\/api\/v1\//)).toBeVisible();
    await expect(prometheus.getByText("never")).toBeVisible();

    const demo = sources.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "demo" }) });
    await expect(demo.getByText("OK")).toBeVisible();
    await expect(demo.getByText("embedded")).toBeVisible();
  });
});

/** Signs the page in on a console of the spec's own. */
async function signInPage(page: Page, url: string) {
  const login = await page.request.post(`${url}/trpc/auth.login`, {
    headers: { origin: url, "content-type": "application/json" },
    data: JSON.stringify(adminAccount),
  });
  expect(login.ok()).toBe(true);
}

/** Signs in over HTTP and creates a viewer token for Prometheus to scrape the demo with. */
async function createApiToken(url: string): Promise<string> {
  const post = (procedure: string, body: unknown, cookie?: string) =>
    fetch(`${url}/trpc/${procedure}`, {
      method: "POST",
      headers: { origin: url, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const login = await post("auth.login", adminAccount);
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  const created = await post("apiTokens.create", { name: "prometheus", roles: ["viewer"] }, cookie);
  if (!created.ok) throw new Error(`creating the token failed: ${created.status} ${await created.text()}`);
  const answer = (await created.json()) as { result: { data: { token: string } } };
  return answer.result.data.token;
}

/** One PromQL query's single value, or null when it has no series. */
async function promqlOrNull(prometheusUrl: string, query: string): Promise<number | null> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query })}`);
  const answer = (await response.json()) as { status: string; data: { result: Array<{ value: [number, string] }> } };
  if (answer.status !== "success") throw new Error(`${query}: ${JSON.stringify(answer)}`);
  const [first, ...rest] = answer.data.result;
  if (rest.length > 0) throw new Error(`${query} has ${answer.data.result.length} series, expected one`);
  return first ? Number(first.value[1]) : null;
}

async function promql(prometheusUrl: string, query: string): Promise<number> {
  const value = await promqlOrNull(prometheusUrl, query);
  if (value === null) throw new Error(`${query} has no data yet`);
  return value;
}

/** The cell of `row` under the column whose header contains `header`. */
async function cellOf(table: Locator, row: Locator, header: string): Promise<Locator> {
  const headers = await table.locator("thead th").allInnerTexts();
  const index = headers.findIndex((text) => text.includes(header));
  if (index < 0) throw new Error(`no column "${header}" among ${headers.join(" | ")}`);
  return row.locator("th, td").nth(index);
}

/** A port nothing listens on: the OS picks one and we let it go. */
async function unusedPort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  await once(probe, "close");
  if (typeof address !== "object" || address === null) throw new Error("could not find a free port");
  return address.port;
}
