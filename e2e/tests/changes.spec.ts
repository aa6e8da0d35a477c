import type { Page } from "@playwright/test";
import { adminAccount, changeAccounts } from "./accounts.ts";
import { expect, test } from "./fixtures.ts";
import {
  actThroughDialog,
  type ConsoleApi,
  changeState,
  chooseTarget,
  consoleApiAs,
  openBrowserAs,
  planCanaryThenAll,
  signInRequest,
  statNumber,
} from "./support/change-pages.ts";
import { type ConsoleServer, startConsoleServer } from "./support/console-server.ts";

/**
 * The demo fleet on a console of this spec's own, its clock 120 times faster than the wall's and
 * its rollout controller looking every 200 ms: a 30 s bake takes a quarter of a second, so a
 * whole staged rollout runs in seconds.
 */
const fastFleet = {
  FLEETDECK_DEMO_SPEED: "120",
  FLEETDECK_ROLLOUT_TICK_MS: "200",
  FLEETDECK_DEMO_INSTANCES: "30",
};

const { proposer, lead, reader } = changeAccounts;

test.use({ signedInAs: null, viewport: { width: 1400, height: 1000 } });

let server: ConsoleServer;
let admin: ConsoleApi;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(90_000);
  server = await startConsoleServer(fastFleet);
  admin = await consoleApiAs(playwright, server.url, adminAccount);
  for (const [account, roles] of [
    [proposer, ["operator", "approver"]],
    [lead, ["approver"]],
    [reader, ["viewer"]],
  ] as const) {
    await admin.mutate("users.create", { ...account, roles });
  }
});

test.afterAll(async () => {
  await admin?.dispose();
  await server?.stop();
});

test("an operator proposes GOGC ×1.5, a lead approves it, it rolls out live stage by stage, and rolls back", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const { serviceId, selector, gogc, newGogc, instanceIds } = await chooseTarget(admin);
  await signInRequest(page.request, server.url, proposer);

  // The proposal: GOGC ×1.5 on one service, a canary then everyone, gated on GC CPU and pause p99.
  await page.goto(`${server.url}/changes`);
  await page.getByRole("link", { name: "New change" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New change" })).toBeVisible();
  const form = page.getByRole("form", { name: "New change" });
  await form.getByLabel("Service").selectOption(serviceId);
  await form.getByLabel("Title").fill(`GOGC ${gogc} → ${newGogc} on ${serviceId}`);
  await form.getByLabel("Instances (label selector)").fill(selector);
  await form.getByLabel("GOGC").fill(String(newGogc));
  await planCanaryThenAll(page, { bakeSeconds: 30, gates: { "GC CPU": {}, "GC pause p99": {} } });

  // The prediction for exactly this: fewer GC cycles save CPU, on every instance of the service.
  const prediction = page.getByRole("region", { name: "Predicted effect" });
  await expect(prediction.getByText("GC CPU saved")).toBeVisible();
  await expect.poll(() => statNumber(page, "GC CPU saved")).toBeGreaterThan(0);
  const perInstance = prediction.getByRole("table", { name: "Predicted effect per instance" });
  await expect(perInstance.locator("tbody tr")).toHaveCount(instanceIds.length);
  await expect(prediction.getByLabel("Risk")).toContainText("Normal");

  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/changes\/chg-/);
  const changeUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`#1 GOGC ${gogc} → ${newGogc} on ${serviceId}`);
  await expect(changeState(page)).toHaveText("Draft");
  const diff = page.getByRole("table", { name: "Config diff" });
  await expect(diff.getByRole("row", { name: /GOGC/ })).toContainText(`${gogc}${newGogc}`);

  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(changeState(page)).toHaveText("Pending approval");
  // Four eyes: the author holds the approver role, and still has no Approve button.
  await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  await expect(page.getByText(/you wrote this change/)).toBeVisible();

  // The lead finds it in the approval queue and approves the version on screen.
  const second = await openBrowserAs(browser, server.url, lead);
  await second.page.goto("/changes?view=approval");
  await second.page.getByRole("link", { name: new RegExp(`#1 GOGC ${gogc}`) }).click();
  await expect(changeState(second.page)).toHaveText("Pending approval");
  await actThroughDialog(second.page, "Approve", "predicted saving is worth it");
  await expect(changeState(second.page)).toHaveText("Approved");
  await expect(second.page.getByText("1 of 1")).toBeVisible();
  await expect(second.page.getByRole("list", { name: "Approvals given" })).toContainText("lead");
  await second.close();
  expect(second.errors).toEqual([]);

  // The author's page follows without a reload, and the author starts the rollout.
  await expect(changeState(page)).toHaveText("Approved");
  const timeline = await recordTimeline(page);
  await actThroughDialog(page, "Start rollout");
  const stages = page.getByRole("list", { name: "Rollout stages" });
  await expect(stages.getByRole("listitem")).toHaveCount(2);
  await expect(changeState(page)).toHaveText("Completed", { timeout: 40_000 });
  expect(page.url()).toBe(changeUrl);
  // The page moved by itself through the rollout: the canary passed while the rest was still on its way.
  const seen = await timeline();
  expect(seen, JSON.stringify(seen)).toContainEqual(["Rolling", "Passed", expect.not.stringMatching(/^Passed/)]);
  await expect(stages.getByRole("listitem", { name: "Stage 1: canary" })).toContainText("Passed");
  await expect(stages.getByRole("listitem", { name: "Stage 1: canary" })).toContainText("1 instance");
  await expect(stages.getByRole("listitem", { name: "Stage 2: everyone" })).toContainText("Passed");
  await expect(stages.getByRole("listitem", { name: "Stage 2: everyone" })).toContainText(
    `${instanceIds.length} of ${instanceIds.length} cumulative`,
  );

  // The gates that decided each stage: real canary and baseline figures, every one a pass.
  for (const stage of [1, 2]) {
    const summary = page.locator("summary", { hasText: `Stage ${stage} (` });
    if ((await summary.locator("xpath=..").getAttribute("open")) === null) await summary.click();
    const results = page.getByRole("table", { name: `Stage ${stage} gate results` });
    await expect(results.locator("tbody tr")).toHaveCount(2);
    for (const gate of ["GC CPU", "GC pause p99"]) {
      const row = results.getByRole("row", { name: new RegExp(`^${gate}`) });
      await expect(row).toContainText("pass");
      const [canary, baseline] = await row
        .locator("td")
        .evaluateAll((cells) => cells.slice(0, 2).map((cell) => Number.parseFloat(cell.textContent ?? "")));
      expect(canary, `${gate} canary at stage ${stage}`).toBeGreaterThan(0);
      expect(baseline, `${gate} baseline at stage ${stage}`).toBeGreaterThan(0);
    }
    await expect(page.getByRole("figure", { name: "GC CPU: canary vs baseline" }).first()).toBeVisible();
  }

  // Every instance was told the new GOGC and reports running it.
  const instances = page.getByRole("table", { name: "Instances in the rollout" });
  await expect(instances.locator("tbody tr")).toHaveCount(instanceIds.length);
  await expect(instances.getByText(`told ${newGogc}`)).toHaveCount(instanceIds.length);
  await expect(instances.getByText("as told")).toHaveCount(instanceIds.length, { timeout: 20_000 });

  // Roll back: no approval needed; every instance gets its old GOGC back.
  await actThroughDialog(page, "Roll back", "checking the latency dashboards first");
  await expect(changeState(page)).toHaveText("Rolled back", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Rollout" })).toContainText(
    "Rolled back: checking the latency dashboards first",
  );
  await expect(instances.getByText(`told ${gogc}`)).toHaveCount(instanceIds.length);
  await expect(instances.getByText(`runs ${gogc}`)).toHaveCount(instanceIds.length, { timeout: 20_000 });
  await expect(page.getByRole("button", { name: /Roll back/ })).toHaveCount(0);
});

test("a viewer reads a change and comments on it, with nothing to press", async ({ page, playwright }) => {
  test.setTimeout(60_000);
  const first = await admin.query<{ id: string; serviceId: string }[]>("changes.list");
  const { serviceId, gogc } = await chooseTarget(admin, { taken: first.map((c) => c.serviceId) });
  const author = await consoleApiAs(playwright, server.url, proposer);
  const draft = await author.mutate<{ id: string; number: number }>("changes.create", {
    content: {
      title: `GOGC doubled on ${serviceId}`,
      description: "for the reader",
      patch: { gogc: gogc * 2 },
      target: { serviceId, selector: "" },
      plan: {
        stages: [{ name: "all at once", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds: 60 }],
        gates: [],
        convergenceTimeoutSeconds: 60,
      },
    },
  });
  await author.mutate("changes.submit", { id: draft.id });
  await author.dispose();

  await signInRequest(page.request, server.url, reader);
  await page.goto(`${server.url}/changes`);
  await page.getByRole("link", { name: new RegExp(`#${draft.number} GOGC doubled`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`#${draft.number}`);
  await expect(changeState(page)).toHaveText("Pending approval");
  await expect(page.getByRole("table", { name: "Config diff" }).getByRole("row", { name: /GOGC/ })).toContainText(
    String(gogc * 2),
  );
  await expect(page.getByText("You can read this change and comment on it")).toBeVisible();
  for (const name of [/^Edit/, /^Submit/, /^Approve/, /^Reject/, /^Start/, /^Cancel/, /^Roll back/]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
  // The prediction is there for readers too.
  await expect.poll(() => statNumber(page, /GC CPU (saved|spent)/)).toBeGreaterThan(0);

  await page.getByRole("textbox", { name: "Comment" }).fill("Is the heap headroom enough for the Friday peak?");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("list", { name: "Comments" })).toContainText("reader");
  await expect(page.getByRole("list", { name: "Comments" })).toContainText("Friday peak");
});

/**
 * Starts noting, in the page, every distinct [change state, stage 1 status, stage 2 status] the
 * page shows from now on; the returned function reads what was seen.
 */
async function recordTimeline(page: Page): Promise<() => Promise<string[][]>> {
  await page.evaluate(() => {
    const seen: string[][] = [];
    const text = (selector: string) => document.querySelector(selector)?.textContent?.trim() ?? "";
    const note = () => {
      const state = Array.from(document.querySelectorAll(".facts__item"))
        .find((item) => item.querySelector("dt")?.textContent === "State")
        ?.querySelector("dd")
        ?.textContent?.trim();
      const snapshot = [state ?? "", text('[aria-label^="Stage 1:"] .badge'), text('[aria-label^="Stage 2:"] .badge')];
      if (JSON.stringify(seen.at(-1)) !== JSON.stringify(snapshot)) seen.push(snapshot);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
    (window as unknown as { rolloutTimeline: string[][] }).rolloutTimeline = seen;
  });
  return () => page.evaluate(() => (window as unknown as { rolloutTimeline: string[][] }).rolloutTimeline);
}
