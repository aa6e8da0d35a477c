import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { ChangeContent, RolloutProgress, RolloutStep } from "@fleetdeck/core";
import { createUser } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { type StartedAgentFleet, scrapeMetrics, startAgentFleet } from "@fleetdeck/sources/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { Identity } from "../auth/identity.ts";
import { createTestPasswordHasher } from "../auth/test-password-hasher.ts";
import { loadServerConfig } from "../config/config.ts";
import { type CreatedServices, createServices } from "../services.ts";

/**
 * A GOGC change carried by the console to real Go processes: etcd as the config centre, four
 * fleetdeck-agent processes of service "checkout" (each allocating, so its GC moves) in two
 * regions, and a Prometheus scraping them every second. The console predicts from what
 * Prometheus reports, rolls the change out stage by stage on the wall clock, gates each stage on
 * GC CPU and heap-to-limit read back from Prometheus, and each agent's own /metrics shows the
 * result; then it rolls back.
 *
 * The agents expose client_golang's classic metrics, so gcCpuFraction is the source's estimate
 * (GC cycles/s × the GC model's per-cycle cost over GOMAXPROCS: there is no go_cpu_classes) and
 * heapToLimit is heap in use over GOMEMLIMIT (set at start-up). The agents' pause p99 (from the
 * histogram they expose) is read too, but not gated on here: over a 5 s bake on a busy two-core
 * machine it swings by several times between windows, and a gate on it rolled the change back.
 */

const service = "checkout";
const memoryLimitBytes = 256 * 1024 * 1024;
const bakeSeconds = 5;
const placement = [
  { instance: "checkout-a", region: "eu-west", cluster: "eu-west-1" },
  { instance: "checkout-b", region: "eu-west", cluster: "eu-west-1" },
  { instance: "checkout-c", region: "us-east", cluster: "us-east-1" },
  { instance: "checkout-d", region: "us-east", cluster: "us-east-1" },
];
const instanceIds = placement.map((p) => p.instance);
const origin = { ip: "127.0.0.1", requestId: "agents-rollout" };

const gogcChange: ChangeContent = {
  title: "checkout: GOGC 100 → 200",
  description: "half the GC cycles for a bigger heap; far under the memory limit",
  patch: { gogc: 200 },
  target: { serviceId: service, selector: "" },
  plan: {
    stages: [
      { name: "eu-west canary", regionId: "eu-west", size: { kind: "instances", count: 1 }, bakeSeconds },
      { name: "eu-west", regionId: "eu-west", size: { kind: "percent", percent: 100 }, bakeSeconds },
      { name: "us-east", regionId: "us-east", size: { kind: "percent", percent: 100 }, bakeSeconds },
    ],
    gates: [
      { metric: "gcCpuFraction", maxIncrease: 0.2, noiseFloor: 0.002 },
      // A bigger GOGC is meant to grow the heap: allow it to double while it stays far from the limit.
      { metric: "heapToLimit", maxIncrease: 1, noiseFloor: 0.02 },
    ],
    convergenceTimeoutSeconds: 30,
  },
};

describe("a GOGC rollout to real Go agents through etcd, gated on what Prometheus scraped", () => {
  let fleet: StartedAgentFleet;
  let workDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: CreatedServices;
  let author: Identity;
  let approver: Identity;
  /** When Prometheus first had every rate the prediction needs, for every agent. */
  let predictableSinceMs: number;

  beforeAll(async () => {
    fleet = await startAgentFleet({
      service,
      instances: placement,
      allocRate: 32 * 1024 * 1024,
      liveHeap: 8 * 1024 * 1024,
      env: { GOGC: "100", GOMEMLIMIT: String(memoryLimitBytes), GOMAXPROCS: "2" },
      scrapeIntervalSeconds: 1,
      // Prometheus's own Go runtime, job "prometheus": a service read through a source without a config centre.
      scrapeSelf: true,
    });
    workDir = await mkdtemp(join(tmpdir(), "fleetdeck-agents-rollout-"));
    const sourcesFile = join(workDir, "sources.yaml");
    await writeFile(
      sourcesFile,
      stringify({
        sources: [
          fleet.sourceConfig("agents"),
          fleet.sourceConfig("read-only", { matchers: ['job="prometheus"'], readOnly: true }),
        ],
      }),
    );
    database = await createTestDatabase();
    const config = loadServerConfig({
      FLEETDECK_DATA_DIR: database.options.dataDir,
      FLEETDECK_SOURCES_FILE: sourcesFile,
      FLEETDECK_ROLLOUT_TICK_MS: "100",
      ...(database.options.databaseUrl ? { DATABASE_URL: database.options.databaseUrl } : {}),
    });
    services = await createServices(config, { passwords: createTestPasswordHasher() });
    const person = async (username: string, roles: Identity["roles"]): Promise<Identity> => {
      const user = await createUser(services.db, {
        username,
        displayName: username,
        passwordHash: null,
        roles,
        atMs: Date.now(),
      });
      return { kind: "user", userId: user.id, username, roles, mustChangePassword: false };
    };
    author = await person("proposer", ["operator"]);
    approver = await person("lead", ["approver"]);

    // Rates need a few scrapes: wait until the preview predicts every agent.
    await waitFor(
      "Prometheus has the GC rates of every agent",
      () => services.changes.preview(gogcChange),
      (preview) => preview.evaluation.prediction.predictedInstanceCount === instanceIds.length,
      30_000,
    );
    predictableSinceMs = Date.now();
  }, 120_000);

  afterAll(async () => {
    await services?.close();
    await database?.destroy();
    await fleet?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** Steps the controller on the wall clock while the change is in `state`; returns the steps it recorded. */
  async function runWhile(id: string, state: string, timeoutMs: number): Promise<RolloutStep[]> {
    const taken: RolloutStep[] = [];
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown = null;
    while (Date.now() < deadline) {
      if ((await services.changes.get(id)).state !== state) return taken;
      try {
        const step = await services.rollouts.step(id);
        if (step && step.kind !== "wait") taken.push(step);
        else await sleep(100);
      } catch (error) {
        // The controller takes the step again on its next tick; so does this loop.
        lastError = error;
        await sleep(200);
      }
    }
    const activity = services.rollouts.activityOf(id);
    throw new Error(
      `change ${id} still ${state} after ${timeoutMs} ms (steps: ${taken.map((s) => s.kind).join(", ")}; ` +
        `last activity: ${JSON.stringify(activity)}; last error: ${String(lastError)})`,
    );
  }

  async function gogcOfAgents(): Promise<{ running: number[]; applied: number[]; memoryLimit: number[] }> {
    const metrics = await Promise.all(instanceIds.map((id) => scrapeMetrics(fleet.agent(id).metricsUrl)));
    return {
      running: metrics.map((m) => m.get("go_gc_gogc_percent") ?? Number.NaN),
      applied: metrics.map((m) => m.get("fleetdeck_agent_applied_gogc_percent") ?? Number.NaN),
      memoryLimit: metrics.map((m) => m.get("go_gc_gomemlimit_bytes") ?? Number.NaN),
    };
  }

  it("predicts, approves, rolls GOGC 200 out region by region, and rolls it back", async () => {
    // The prediction works from what Prometheus scraped off the agents.
    const preview = await services.changes.preview(gogcChange);
    expect(preview).toMatchObject({ sourceId: "agents", canActuate: true });
    expect(preview.instances.map((i) => [i.id, i.regionId, i.clusterId]).sort()).toEqual(
      placement.map((p) => [p.instance, p.region, p.cluster]),
    );
    const { prediction, risk, blocked } = preview.evaluation;
    expect(blocked).toBe(false);
    expect(prediction.instances.map((p) => p.kind)).toEqual(instanceIds.map(() => "predicted"));
    expect(Number.isFinite(prediction.gcCpuCoresSaved)).toBe(true);
    // Fewer cycles for a bigger heap.
    expect(prediction.gcCpuCoresSaved).toBeGreaterThan(0);
    expect(prediction.memoryAddedBytes).toBeGreaterThan(0);
    for (const instance of prediction.instances) {
      if (instance.kind !== "predicted") continue;
      expect(instance.before.config).toEqual({ gogc: 100, memoryLimitBytes, gomaxprocs: 2 });
      expect(instance.after.config.gogc).toBe(200);
      expect(instance.after.gcCyclesPerSecond).toBeLessThan(instance.before.gcCyclesPerSecond);
    }
    // 100 → 200 doubles GOGC; only more than doubling is high risk, so one approval is enough.
    expect(risk).toEqual({ risk: "normal", approvalsRequired: 1, reasons: [] });

    const draft = await services.changes.create(author, origin, gogcChange);
    const pending = await services.changes.act(author, origin, draft.id, { type: "submit" });
    expect(pending.state).toBe("pending_approval");
    const approved = await services.changes.act(approver, origin, draft.id, {
      type: "approve",
      contentHash: pending.contentHash,
    });
    expect(approved.state).toBe("approved");

    // The last stage compares its instances with themselves before the rollout began, over a
    // window as long as the bake: Prometheus must hold that much predictable history.
    const historyNeededMs = predictableSinceMs + (bakeSeconds + 1) * 1000 - Date.now();
    if (historyNeededMs > 0) await sleep(historyNeededMs);
    const rolling = await services.changes.act(author, origin, draft.id, { type: "start" });
    expect(rolling.state).toBe("rolling");
    const started = rolling.rollout as RolloutProgress;
    expect(started.batches.map((b) => b.instanceIds.length)).toEqual([1, 1, 2]);
    for (const id of instanceIds) {
      expect(started.restore[id]).toEqual({ gogc: 100, memoryLimitBytes, gomaxprocs: 2, grayRatio: null, custom: {} });
      expect(started.desired[id]?.gogc).toBe(200);
    }
    const canary = started.batches[0]?.instanceIds[0] as string;

    const forward = await runWhile(draft.id, "rolling", 60_000);
    const completed = await services.changes.get(draft.id);
    expect(completed.state, completed.stateReason ?? "").toBe("completed");
    expect(forward.map((s) => s.kind)).toEqual([
      ...["apply", "startBake", "evaluateGates"],
      ...["apply", "startBake", "evaluateGates"],
      ...["apply", "startBake", "evaluateGates"],
      "complete",
    ]);

    // Every stage's gates were decided on real data from Prometheus, not passed for lack of it.
    const progress = completed.rollout as RolloutProgress;
    progress.gateResults.forEach((record, stageIndex) => {
      expect(record?.verdict, `stage ${stageIndex}: ${JSON.stringify(record?.results)}`).toBe("pass");
      expect(record?.results.map((r) => r.metric)).toEqual(["gcCpuFraction", "heapToLimit"]);
      for (const result of record?.results ?? []) {
        expect(result.canaryPoints).toBeGreaterThanOrEqual(3);
        expect(result.baselinePoints).toBeGreaterThanOrEqual(3);
        expect(Number.isFinite(result.canary) && Number.isFinite(result.baseline)).toBe(true);
      }
      // GOGC 200 halves the GC cycles: the changed instances spend less on GC than their baseline.
      const gcCpu = record?.results[0];
      expect(gcCpu?.canary as number, gcCpu?.message).toBeLessThan(gcCpu?.baseline as number);
    });
    expect(completed.steps.find((s) => s.kind === "evaluateGates")?.request).toMatchObject({
      canaryIds: [canary],
      baselineKind: "unchanged-instances",
    });

    // Their pause p99 comes from the histogram the agents expose, so a pause gate has data.
    const { samples } = await services.sources.readFleet(Date.now());
    for (const id of instanceIds) expect(samples.get(id)?.pause.p99Seconds, id).toBeGreaterThan(0);

    // The agents say so themselves, and report it back through etcd.
    expect(await gogcOfAgents()).toEqual({
      running: [200, 200, 200, 200],
      applied: [200, 200, 200, 200],
      memoryLimit: instanceIds.map(() => memoryLimitBytes),
    });
    const configs = await services.changes.readConfigs(service, instanceIds);
    for (const config of configs) {
      expect(config.desired?.gogc).toBe(200);
      expect(config.observed?.gogc).toBe(200);
    }

    // Rollback needs no approval and puts every agent back on GOGC 100.
    const back = await services.changes.act(author, origin, draft.id, { type: "rollback", reason: "try it later" });
    expect(back.state).toBe("rolling_back");
    const backward = await runWhile(draft.id, "rolling_back", 30_000);
    expect(backward.map((s) => s.kind)).toEqual(["apply", "rollbackDone"]);
    expect((await services.changes.get(draft.id)).state).toBe("rolled_back");
    expect(await gogcOfAgents()).toEqual({
      running: [100, 100, 100, 100],
      applied: [100, 100, 100, 100],
      memoryLimit: instanceIds.map(() => memoryLimitBytes),
    });
  }, 90_000);

  it("refuses a change to a service whose source has no config centre, before it is drafted", async () => {
    const inventory = await services.sources.sources.find((s) => s.id === "read-only")?.inventory();
    expect(inventory?.services.map((s) => s.id)).toEqual(["prometheus"]);
    const content: ChangeContent = {
      ...gogcChange,
      title: "prometheus: GOGC 150",
      patch: { gogc: 150 },
      target: { serviceId: "prometheus", selector: "" },
      plan: {
        ...gogcChange.plan,
        stages: [{ name: "all", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds }],
      },
    };
    const preview = await services.changes.preview(content);
    expect(preview).toMatchObject({ sourceId: "read-only", canActuate: false });

    // Refused before anyone drafts and approves a change that could never start.
    const before = await services.changes.list({ serviceId: "prometheus", limit: 10 });
    await expect(services.changes.create(author, origin, content)).rejects.toThrow(
      'source "read-only" has no config centre: Fleetdeck can read its instances but not change their config',
    );
    expect(await services.changes.list({ serviceId: "prometheus", limit: 10 })).toEqual(before);
  });
});

/** Polls `read` until `done` holds; the error shows the last value or error seen. */
async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await read();
      if (done(value)) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  const seen = last instanceof Error ? last.message : JSON.stringify(last)?.slice(0, 2000);
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}; last seen: ${seen}`);
}
