import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type StartedEtcdCluster, startEtcdCluster } from "@fleetdeck/sources/testing";
import type { Page } from "@playwright/test";
import { adminAccount } from "./accounts.ts";
import { expect, test } from "./fixtures.ts";
import { type ConsoleServer, startConsoleServer } from "./support/console-server.ts";
import { leadersOf, readEtcdMembers } from "./support/etcd-cluster-pages.ts";

// The console of this spec watches a real three-member etcd cluster beside the demo fleet.
test.use({ signedInAs: null, viewport: { width: 1400, height: 900 } });

const clusterId = "lab-etcd";
const clusterName = "Lab etcd";

test.describe("a real etcd cluster's leader failover, seen live", () => {
  let etcd: StartedEtcdCluster | undefined;
  let fleetdeck: ConsoleServer | undefined;
  let dir: string | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dir = await mkdtemp(path.join(tmpdir(), "fleetdeck-e2e-topology-etcd-"));
    etcd = await startEtcdCluster({ members: 3 });
    const sourcesFile = path.join(dir, "sources.yaml");
    await writeFile(
      sourcesFile,
      [
        "sources:",
        "  - id: demo",
        "    kind: demo",
        `  - id: ${clusterId}`,
        "    kind: etcd",
        `    name: ${clusterName}`,
        "    region: lab",
        "    endpoints:",
        ...etcd.clientUrls.map((url) => `      - ${url}`),
        "    timeoutMs: 1000",
        "    pollIntervalMs: 500",
        "",
      ].join("\n"),
    );
    fleetdeck = await startConsoleServer(
      { FLEETDECK_SOURCES_FILE: sourcesFile, FLEETDECK_LIVE_INTERVAL_MS: "1000" },
      { readyWhen: "serving" },
    );
  });

  // Stops whatever started, even when beforeAll or the test failed halfway.
  test.afterAll(async () => {
    await fleetdeck?.stop();
    await etcd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("on-call watches the etcd leader stop, sees the new leader and the old one down without reloading", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const consoleUrl = started(fleetdeck).url;
    const cluster = started(etcd);
    await signInPage(page, consoleUrl);

    await page.goto(`${consoleUrl}/clusters/${clusterId}`);
    await expect(page.getByRole("heading", { level: 1, name: clusterName })).toBeVisible();
    await expect(page.getByText("Raft term").first()).toBeVisible();
    await expect
      .poll(async () => (await readEtcdMembers(page)).map((row) => [row.name, row.status]))
      .toEqual([
        ["etcd-1", "up"],
        ["etcd-2", "up"],
        ["etcd-3", "up"],
      ]);
    const leaders = leadersOf(await readEtcdMembers(page));
    expect(leaders).toHaveLength(1);
    const oldLeaderName = leaders[0] as string;
    const oldLeader = cluster.members.find((member) => member.name === oldLeaderName);
    if (!oldLeader) throw new Error(`the page names ${oldLeaderName} leader, which is not a member`);

    // A mark on the window: still there at the end means the page was never reloaded.
    await page.evaluate(() => Object.assign(window, { fleetdeckSamePage: true }));
    await oldLeader.stop();

    await expect
      .poll(
        async () => {
          const rows = await readEtcdMembers(page);
          const newLeaders = leadersOf(rows);
          const old = rows.find((row) => row.name === oldLeaderName);
          return {
            oneNewLeader: newLeaders.length === 1 && newLeaders[0] !== oldLeaderName,
            newLeaderUp: rows.find((row) => row.name === newLeaders[0])?.status === "up",
            oldStatus: old?.status,
            oldErrorNamesItsUrl: old?.error.includes(oldLeader.clientUrl) ?? false,
            up: rows.filter((row) => row.status === "up").length,
          };
        },
        { timeout: 30_000, intervals: [500] },
      )
      .toEqual({ oneNewLeader: true, newLeaderUp: true, oldStatus: "down", oldErrorNamesItsUrl: true, up: 2 });
    expect(await page.evaluate(() => (window as { fleetdeckSamePage?: boolean }).fleetdeckSamePage)).toBe(true);
    await expect(page.getByLabel("etcd cluster summary")).toContainText("2/3");

    // The placement map knows the stopped member too: searched by its id and picked among the
    // matches, its side panel says down.
    const instanceId = `${clusterId}-${oldLeaderName}`;
    await page.goto(`${consoleUrl}/topology?view=map&q=${encodeURIComponent(instanceId)}`);
    await page
      .getByRole("list", { name: "Search matches" })
      .getByRole("button", { name: `Instance ${instanceId} (id)` })
      .click();
    const selected = page.getByLabel("Selected entity", { exact: true });
    await expect(selected.getByRole("heading", { name: instanceId })).toBeVisible({ timeout: 15_000 });
    await expect(selected).toContainText("down");
  });
});

/** Signs the page in on the spec's own console (the fixtures sign in on the shared one). */
async function signInPage(page: Page, url: string) {
  const login = await page.request.post(`${url}/trpc/auth.login`, {
    headers: { origin: url, "content-type": "application/json" },
    data: JSON.stringify(adminAccount),
  });
  expect(login.ok(), await login.text()).toBe(true);
}

function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("the spec's processes did not start");
  return value;
}
