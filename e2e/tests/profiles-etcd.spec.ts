import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import {
  putLoad,
  type StartedEtcd,
  type StartedPrometheus,
  startEtcd,
  startPrometheus,
} from "@fleetdeck/sources/testing";
import type { Locator, Page } from "@playwright/test";
import { adminAccount } from "./accounts.ts";
import { expect, test } from "./fixtures.ts";
import { type ConsoleServer, startConsoleServer } from "./support/console-server.ts";
import { captureWithForm, downloadedBytes, expectDrawnGraph, topTableFunctions } from "./support/profile-pages.ts";

const execFileAsync = promisify(execFile);

// The console of this spec reads a real Prometheus that scrapes a real etcd, and captures from it.
test.use({ signedInAs: null, viewport: { width: 1400, height: 900 } });

/** etcd's own code: its packages (go.etcd.io/etcd/...) and the server at their heart. */
const etcdFunction = /^go\.etcd\.io\/|etcdserver/;

test.describe("profiles of a real etcd, found through a real Prometheus", () => {
  let etcd: StartedEtcd | undefined;
  let prometheus: StartedPrometheus | undefined;
  let fleetdeck: ConsoleServer | undefined;
  let dir: string | undefined;

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    dir = await mkdtemp(path.join(tmpdir(), "fleetdeck-e2e-profiles-etcd-"));
    etcd = await startEtcd();
    prometheus = await startPrometheus({
      scrapeIntervalSeconds: 1,
      scrapeConfigs: [{ job_name: "etcd", static_configs: [{ targets: [etcd.clientAddress] }] }],
    });
    const sourcesFile = path.join(dir, "sources.yaml");
    await writeFile(
      sourcesFile,
      [
        "sources:",
        "  - id: lab",
        "    kind: prometheus",
        `    url: ${prometheus.url}`,
        "    scrapeIntervalSeconds: 1",
        "    timeoutMs: 2000",
        "    retries: 0",
        "",
      ].join("\n"),
    );
    fleetdeck = await startConsoleServer({ FLEETDECK_SOURCES_FILE: sourcesFile }, { readyWhen: "serving" });
  });

  // Stops whatever started, even when beforeAll or a test failed halfway.
  test.afterAll(async () => {
    await fleetdeck?.stop();
    await prometheus?.stop();
    await etcd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("on-call captures CPU under load, heap and goroutine profiles of etcd, sees etcd's own frames, compares idle with loaded CPU and downloads it", async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const consoleUrl = started(fleetdeck).url;
    const server = started(etcd);
    const instanceId = server.clientAddress;
    await signInPage(page, consoleUrl);

    // etcd shows up on the leaderboard once Prometheus has scraped it; its page links to its profiles.
    await page.goto(`${consoleUrl}/gc?level=instance&service=etcd`);
    const row = page
      .getByRole("table", { name: "Instances by GC cost" })
      .getByRole("link", { name: instanceId, exact: true });
    await expect(async () => {
      await page.reload();
      await expect(row).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000, intervals: [1_000] });
    await row.click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(instanceId);
    await page.getByRole("link", { name: "Profiles of this instance" }).click();
    await expect(page.getByRole("form", { name: "Capture a profile" }).getByLabel("Instance id")).toHaveValue(
      instanceId,
    );
    const profilesPage = page.url();

    // CPU, 3 s, while clients write to etcd: the profile shows etcd serving them.
    const load = putLoad(server, { seconds: 10, concurrency: 8, valueBytes: 1024 });
    const cpu = await captureWithForm(page, { kind: "CPU", seconds: 3 });
    const { puts } = await load;
    expect(puts).toBeGreaterThan(100);
    // The bar counted down on the way (which second it was seen at depends on the polls).
    const countdown = cpu.progress.filter((entry) => /\|[12] s left of 3 s$/.test(entry));
    expect(countdown.length, cpu.progress.join("\n")).toBeGreaterThan(0);
    await expectViewer(page, { sampleType: "cpu (nanoseconds)", instanceId });

    await page.goto(profilesPage);
    await captureWithForm(page, { kind: "Heap (in use)" });
    await expectViewer(page, { sampleType: "inuse_space (bytes)", instanceId });
    // A heap profile holds four sample types; the allocations' are a click away.
    await expect(page.getByLabel("Sample type").locator("option")).toHaveText([
      "inuse_space (bytes), default",
      "alloc_objects (count)",
      "alloc_space (bytes)",
      "inuse_objects (count)",
    ]);

    // The profile counts etcd's goroutines (raft, the WAL, gRPC, watchers): about what its metrics say.
    // The count moves while the load's idle connections close, so it is read right before and after.
    await page.goto(profilesPage);
    const before = await goroutinesNow(server);
    await captureWithForm(page, { kind: "Goroutines" });
    const after = await goroutinesNow(server);
    const goroutines = await expectViewer(page, { sampleType: "goroutine (count)", instanceId });
    const caption = (await goroutines.locator("caption").textContent()) ?? "";
    const total = Number(/, total ([\d,]+)$/.exec(caption.trim())?.[1]?.replaceAll(",", ""));
    expect(total, caption).toBeGreaterThan(20);
    const slack = 5;
    const bracket = `profile total ${total}, go_goroutines ${before} before and ${after} after`;
    expect(total, bracket).toBeGreaterThanOrEqual(Math.min(before, after) - slack);
    expect(total, bracket).toBeLessThanOrEqual(Math.max(before, after) + slack);

    // All three are listed for the instance, newest first.
    await page.goto(profilesPage);
    const stored = page.getByRole("table", { name: "Stored profiles" });
    await expect(stored.locator("tbody tr")).toHaveCount(3);
    await expect(stored.locator("tbody tr").nth(0)).toContainText("goroutine");
    await expect(stored.locator("tbody tr").nth(1)).toContainText("heap");
    await expect(stored.locator("tbody tr").nth(2)).toContainText("cpu");

    // A CPU profile of etcd idle, compared with the one under load: etcd's own code grew.
    const idle = await captureWithForm(page, { kind: "CPU", seconds: 2 });
    await expectDrawnGraph(page.getByRole("img", { name: `Flame graph of cpu (nanoseconds) of ${instanceId}` }));
    await page.goto(profilesPage);
    await page.getByLabel("Base profile (before)").selectOption(idle.profileId);
    await page.getByLabel("Target profile (after)").selectOption(cpu.profileId);
    await page.getByRole("link", { name: "Compare" }).click();
    await expect(page).toHaveURL(new RegExp(`/profiles/diff\\?.*base=${idle.profileId}`));
    await expectDrawnGraph(page.getByRole("img", { name: /^Differential flame graph of cpu \(nanoseconds\), / }), {
      minColours: 2,
    });
    const changes = page.getByRole("table", { name: /^Changes in cpu \(nanoseconds\)/ });
    await page.getByRole("button", { name: "most growth" }).click();
    await expect(changes).toHaveAccessibleName(/, by most growth, /);
    const grewMost = await changes.locator("tbody").getByRole("rowheader").allInnerTexts();
    expect(
      grewMost.slice(0, 40).some((name) => etcdFunction.test(name.trim())),
      grewMost.join("\n"),
    ).toBe(true);

    // The loaded CPU profile downloads as etcd served it, and go tool pprof reads it.
    await page.goto(`${consoleUrl}/profiles/${encodeURIComponent(cpu.profileId)}`);
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download .pb.gz" }).click();
    const bytes = await downloadedBytes(await downloading);
    expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const file = path.join(dir as string, "etcd-cpu.pb.gz");
    await writeFile(file, bytes);
    const { stdout } = await execFileAsync("go", ["tool", "pprof", "-top", file], { maxBuffer: 64 * 1024 * 1024 });
    expect(stdout).toMatch(/Type: cpu/);
    expect(stdout).toMatch(etcdFunction);
  });
});

/**
 * The viewer of a just-captured profile of etcd: its flame graph is drawn and its top table lists
 * etcd's functions among those with the most samples. Returns the top table.
 */
async function expectViewer(page: Page, { sampleType, instanceId }: { sampleType: string; instanceId: string }) {
  await expectDrawnGraph(page.getByRole("img", { name: `Flame graph of ${sampleType} of ${instanceId}` }));
  const top: Locator = page.getByRole("table", { name: /^Functions by / });
  await expect(top).toHaveAccessibleName(new RegExp(`^Functions by flat, ${escapeRegExp(sampleType)}, total `));
  await expect(top.locator("tbody tr").first()).toBeVisible();
  await top.getByRole("button", { name: /^Cum/ }).click();
  await expect(top).toHaveAccessibleName(/^Functions by cum,/);
  const byCum = await topTableFunctions(top);
  expect(byCum.slice(0, 40).filter((name) => etcdFunction.test(name)).length, byCum.join("\n")).toBeGreaterThan(0);
  return top;
}

/** Signs the page in on the spec's own console. */
async function signInPage(page: Page, url: string) {
  const login = await page.request.post(`${url}/trpc/auth.login`, {
    headers: { origin: url, "content-type": "application/json" },
    data: JSON.stringify(adminAccount),
  });
  expect(login.ok(), await login.text()).toBe(true);
}

/** etcd's goroutine count now, from its own /metrics. */
async function goroutinesNow(etcd: StartedEtcd): Promise<number> {
  const metrics = await (await fetch(etcd.metricsUrl)).text();
  const value = /^go_goroutines (\d+)$/m.exec(metrics)?.[1];
  if (value === undefined) throw new Error(`${etcd.metricsUrl} has no go_goroutines`);
  return Number(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("the spec's processes did not start");
  return value;
}
