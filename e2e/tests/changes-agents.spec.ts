import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type StartedAgentFleet, scrapeMetrics, startAgentFleet } from "@fleetdeck/sources/testing";
import { adminAccount, changeAccounts } from "./accounts.ts";
import { expect, test } from "./fixtures.ts";
import {
  actThroughDialog,
  type ConsoleApi,
  changeState,
  consoleApiAs,
  openBrowserAs,
  planCanaryThenAll,
  signInRequest,
  statNumber,
} from "./support/change-pages.ts";
import { type ConsoleServer, startConsoleServer } from "./support/console-server.ts";

/**
 * The change flow of changes.spec.ts, carried to real Go processes: three fleetdeck-agent
 * processes of service "checkout" (each allocating, so its GC moves) watching etcd, a Prometheus
 * scraping them every second, and a console of this spec's own reading that Prometheus with etcd
 * as its config centre. What the console says happened is checked against each agent's own
 * /metrics. Pause p99 is not gated on: over a 5 s bake on a busy machine it swings too much.
 */

const service = "checkout";
const instanceIds = ["checkout-a", "checkout-b", "checkout-c"];
const bakeSeconds = 5;
/**
 * The last stage has no unchanged instances left, so it compares its instances with themselves
 * before the rollout, over a window as long as the bake: Prometheus must hold that much history.
 */
const historyBeforeStartMs = 10_000;

const { proposer, lead } = changeAccounts;

test.use({ signedInAs: null, viewport: { width: 1400, height: 1000 } });

test.describe("a GOGC rollout to real Go agents, driven from the console", () => {
  let fleet: StartedAgentFleet | undefined;
  let fleetdeck: ConsoleServer | undefined;
  let admin: ConsoleApi | undefined;
  let dir: string | undefined;
  /** When Prometheus first had the GC rates of every agent. */
  let predictableSinceMs = 0;

  test.beforeAll(async ({ playwright }) => {
    test.setTimeout(150_000);
    fleet = await startAgentFleet({
      service,
      instances: instanceIds.map((instance) => ({ instance, region: "eu-west", cluster: "eu-west-1" })),
      allocRate: 32 * 1024 * 1024,
      liveHeap: 8 * 1024 * 1024,
      env: { GOGC: "100", GOMEMLIMIT: "256MiB", GOMAXPROCS: "2" },
      scrapeIntervalSeconds: 1,
    });
    dir = await mkdtemp(path.join(tmpdir(), "fleetdeck-e2e-changes-agents-"));
    const sourcesFile = path.join(dir, "sources.yaml");
    // JSON is YAML.
    await writeFile(sourcesFile, JSON.stringify({ sources: [fleet.sourceConfig("agents")] }));
    fleetdeck = await startConsoleServer(
      { FLEETDECK_SOURCES_FILE: sourcesFile, FLEETDECK_ROLLOUT_TICK_MS: "250" },
      { readyWhen: "serving" },
    );
    const api = await consoleApiAs(playwright, fleetdeck.url, adminAccount);
    admin = api;
    await api.mutate("users.create", { ...proposer, roles: ["operator"] });
    await api.mutate("users.create", { ...lead, roles: ["approver"] });

    // Rates need a few scrapes: wait until the console predicts every agent.
    await expect
      .poll(
        async () =>
          (
            await api.query<{ evaluation: { prediction: { predictedInstanceCount: number } } }>("changes.preview", {
              content: probeContent,
            })
          ).evaluation.prediction.predictedInstanceCount,
        { message: "Prometheus has the GC rates of every agent", timeout: 60_000 },
      )
      .toBe(instanceIds.length);
    predictableSinceMs = Date.now();
  });

  // Stops whatever started, even when beforeAll or the test failed halfway.
  test.afterAll(async () => {
    await admin?.dispose();
    await fleetdeck?.stop();
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** GOGC as each agent's Go runtime runs it and as the agent says it applied it, from its own /metrics. */
  async function gogcOfAgents() {
    const agents = started(fleet);
    const metrics = await Promise.all(instanceIds.map((id) => scrapeMetrics(agents.agent(id).metricsUrl)));
    return {
      running: metrics.map((m) => m.get("go_gc_gogc_percent")),
      applied: metrics.map((m) => m.get("fleetdeck_agent_applied_gogc_percent")),
    };
  }
  const allAt = (gogc: number) => ({ running: instanceIds.map(() => gogc), applied: instanceIds.map(() => gogc) });

  test("an operator rolls GOGC 200 out to checkout's agents, a lead approves, the agents run it, and it rolls back", async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const url = started(fleetdeck).url;
    expect(await gogcOfAgents()).toEqual(allAt(100));
    await signInRequest(page.request, url, proposer);

    // The proposal: GOGC 200 on checkout, a canary then everyone, gated on GC CPU and on the heap
    // (a bigger GOGC is meant to grow the heap: it may double while it stays far from the limit).
    await page.goto(`${url}/changes`);
    await page.getByRole("link", { name: "New change" }).click();
    const form = page.getByRole("form", { name: "New change" });
    await form.getByLabel("Service").selectOption(service);
    await form.getByLabel("Title").fill("checkout: GOGC 100 → 200");
    await form.getByLabel("GOGC").fill("200");
    await planCanaryThenAll(page, { bakeSeconds, gates: { "GC CPU": {}, "Heap vs limit": { maxRisePercent: 100 } } });

    // The prediction works from what Prometheus scraped off the agents: fewer cycles save GC CPU.
    const prediction = page.getByRole("region", { name: "Predicted effect" });
    await expect.poll(() => statNumber(page, "GC CPU saved")).toBeGreaterThan(0);
    const perInstance = prediction.getByRole("table", { name: "Predicted effect per instance" });
    await expect(perInstance.locator("tbody tr")).toHaveCount(instanceIds.length);
    for (const id of instanceIds) await expect(perInstance).toContainText(id);
    await expect(prediction.getByLabel("Risk")).toContainText("Normal");

    await form.getByRole("button", { name: "Save draft" }).click();
    await expect(page).toHaveURL(/\/changes\/chg-/);
    await expect(changeState(page)).toHaveText("Draft");
    await page.getByRole("button", { name: "Submit for approval" }).click();
    await expect(changeState(page)).toHaveText("Pending approval");

    // The lead approves in a browser of their own.
    const second = await openBrowserAs(browser, url, lead);
    await second.page.goto("/changes?view=approval");
    await second.page.getByRole("link", { name: /#1 checkout: GOGC 100 → 200/ }).click();
    await actThroughDialog(second.page, "Approve", "half the GC cycles, far under the memory limit");
    await expect(changeState(second.page)).toHaveText("Approved");
    await second.close();
    expect(second.errors).toEqual([]);

    // The author starts it once Prometheus holds enough history for the last stage's baseline.
    await expect(changeState(page)).toHaveText("Approved");
    await expect
      .poll(() => Date.now() - predictableSinceMs, { timeout: historyBeforeStartMs + 5_000 })
      .toBeGreaterThanOrEqual(historyBeforeStartMs);
    await actThroughDialog(page, "Start rollout");
    const stages = page.getByRole("list", { name: "Rollout stages" });
    await expect(stages.getByRole("listitem")).toHaveCount(2);
    await expect(changeState(page)).toHaveText("Completed", { timeout: 60_000 });
    await expect(stages.getByRole("listitem", { name: "Stage 1: canary" })).toContainText("Passed");
    await expect(stages.getByRole("listitem", { name: "Stage 2: everyone" })).toContainText("Passed");

    // Each stage passed on figures read back from Prometheus; GOGC 200 made GC CPU go down.
    for (const stage of [1, 2]) {
      const summary = page.locator("summary", { hasText: `Stage ${stage} (` });
      if ((await summary.locator("xpath=..").getAttribute("open")) === null) await summary.click();
      const results = page.getByRole("table", { name: `Stage ${stage} gate results` });
      await expect(results.locator("tbody tr")).toHaveCount(2);
      for (const gate of ["GC CPU", "Heap vs limit"]) {
        await expect(results.getByRole("row", { name: new RegExp(`^${gate}`) })).toContainText("pass");
      }
      const [canary, baseline] = await results
        .getByRole("row", { name: /^GC CPU/ })
        .locator("td")
        .evaluateAll((cells) => cells.slice(0, 2).map((cell) => Number.parseFloat(cell.textContent ?? "")));
      expect(canary, `GC CPU canary at stage ${stage}`).toBeGreaterThan(0);
      expect(canary, `GC CPU canary at stage ${stage}`).toBeLessThan(baseline ?? Number.NaN);
    }

    // The console says every agent runs it, and so does every agent's own /metrics.
    const instances = page.getByRole("table", { name: "Instances in the rollout" });
    await expect(instances.getByText("told 200")).toHaveCount(instanceIds.length);
    await expect(instances.getByText("as told")).toHaveCount(instanceIds.length, { timeout: 20_000 });
    await expect.poll(gogcOfAgents, { timeout: 10_000 }).toEqual(allAt(200));

    // Roll back from the page: no approval needed, every agent gets GOGC 100 back.
    await actThroughDialog(page, "Roll back", "trying it on a quieter day");
    await expect(changeState(page)).toHaveText("Rolled back", { timeout: 30_000 });
    await expect(instances.getByText("told 100")).toHaveCount(instanceIds.length);
    await expect(instances.getByText("runs 100")).toHaveCount(instanceIds.length, { timeout: 20_000 });
    await expect.poll(gogcOfAgents, { timeout: 10_000 }).toEqual(allAt(100));
  });
});

/** A change the console can preview once it has every agent's GC rates. */
const probeContent = {
  title: "probe",
  description: "",
  patch: { gogc: 200 },
  target: { serviceId: service, selector: "" },
  plan: {
    stages: [{ name: "all", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds }],
    gates: [],
    convergenceTimeoutSeconds: 30,
  },
};

function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("the spec's processes did not start");
  return value;
}
