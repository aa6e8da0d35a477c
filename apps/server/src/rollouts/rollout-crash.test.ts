import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { ChangeContent, ChangeState, RolloutProgress } from "@fleetdeck/core";
import { listConfigEvents } from "@fleetdeck/db";
import { createTestDatabase, type TestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readChangeTrail, trailProblems } from "../testing/change-trail.ts";
import { type ServerProcess, startServerProcess } from "../testing/server-process.ts";
import { testAdmin } from "../testing/test-server.ts";
import { callOverHttp } from "../testing/trpc-http.ts";

const approver = { username: "lead", password: "second-pair-of-eyes-2026" };
const bakeSeconds = 60;

/**
 * The console as a real process, killed by SIGKILL right after every rollout side effect (a config
 * written, gate metrics read) and before the state write that records it, then restarted on the
 * same storage — PGlite in a data dir, or PostgreSQL when FLEETDECK_TEST_DATABASE_URL is set.
 */
describe("a rollout whose server is SIGKILLed after every side effect", () => {
  let database: TestDatabase;
  let webDir: string;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    database = await createTestDatabase();
    // serve insists on a built web app; an empty page is enough for these API calls.
    webDir = await mkdtemp(path.join(tmpdir(), "fleetdeck-web-"));
    await writeFile(path.join(webDir, "index.html"), "<!doctype html><title>test</title>");
  });

  afterAll(async () => {
    await server?.stop();
    await database?.destroy();
    if (webDir) await rm(webDir, { recursive: true, force: true });
  });

  /** A server on this test's storage; killAfter: die after that many side effects. */
  function startServer(killAfter?: number): Promise<ServerProcess> {
    const { dataDir, databaseUrl } = database.options;
    return startServerProcess({
      FLEETDECK_DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      FLEETDECK_WEB_DIR: webDir,
      FLEETDECK_ADMIN_PASSWORD: testAdmin.password,
      FLEETDECK_DEMO_INSTANCES: "40",
      // Demo time runs 300 times faster: a 60 s bake takes 0.2 s.
      FLEETDECK_DEMO_SPEED: "300",
      FLEETDECK_ROLLOUT_TICK_MS: "100",
      ...(killAfter === undefined ? {} : { FLEETDECK_TEST_KILL_AFTER_SIDE_EFFECTS: String(killAfter) }),
    });
  }

  /**
   * Waits until the change reaches `target`, restarting the server whenever it kills itself. The
   * first server dies after its first side effect; each restart after its second, since its first
   * is the repeat of the step the previous one died in. Returns the kills and the live server.
   */
  async function runThroughKills(first: ServerProcess, cookie: string, id: string, target: ChangeState) {
    let current = first;
    let kills = 0;
    for (;;) {
      let ended = false;
      const exit = current.exited.then((e) => {
        ended = true;
        return e;
      });
      const reached = await waitForState(current, cookie, id, target, () => ended);
      if (reached) return { kills, server: current };
      const { signal, code } = await exit;
      expect(signal, `the server ended with ${code} instead of being killed:\n${current.output()}`).toBe("SIGKILL");
      kills++;
      if (kills > 12) throw new Error("more kills than the rollout has side effects");
      current = await startServer(2);
      server = current;
    }
  }

  it("records every step once, with one audit row each, writes each config once per direction, and never shortens a bake", async () => {
    server = await startServer(1);
    const adminCookie = await signIn(server.url, testAdmin);
    await call(server.url, adminCookie, { mutation: "users.create", input: { ...approver, roles: ["approver"] } });
    const approverCookie = await signIn(server.url, approver);

    const { content, instanceIds, gogc } = await proposal(server.url, adminCookie);
    const draft = (await call(server.url, adminCookie, { mutation: "changes.create", input: { content } })) as {
      id: string;
    };
    const pending = (await call(server.url, adminCookie, { mutation: "changes.submit", input: { id: draft.id } })) as {
      contentHash: string;
    };
    await call(server.url, approverCookie, {
      mutation: "changes.approve",
      input: { id: draft.id, contentHash: pending.contentHash },
    });
    await call(server.url, adminCookie, { mutation: "changes.start", input: { id: draft.id } });

    const forward = await runThroughKills(server, adminCookie, draft.id, "completed");
    const completed = await changeOf(forward.server.url, adminCookie, draft.id);
    const progress = completed.rollout as RolloutProgress;
    expect(progress.gateResults.map((gate) => gate?.verdict)).toEqual(["pass", "pass"]);
    expect(await gogcOf(forward.server.url, adminCookie, content.target.serviceId)).toEqual(
      Object.fromEntries(instanceIds.map((id) => [id, gogc])),
    );
    await forward.server.stop();

    server = await startServer(1);
    await call(server.url, adminCookie, {
      mutation: "changes.rollback",
      input: { id: draft.id, reason: "rehearsing a rollback" },
    });
    const back = await runThroughKills(server, adminCookie, draft.id, "rolled_back");
    const rolledBack = (await changeOf(back.server.url, adminCookie, draft.id)).rollout as RolloutProgress;
    expect(await gogcOf(back.server.url, adminCookie, content.target.serviceId)).toEqual(
      Object.fromEntries(instanceIds.map((id) => [id, rolledBack.restore[id]?.gogc])),
    );
    const stopped = await back.server.stop();
    expect(stopped.code).toBe(0);
    server = null;

    const db = await database.open();
    try {
      const trail = await readChangeTrail(db, draft.id);
      expect.soft(trailProblems(trail, { finished: true })).toEqual([]);
      const { steps } = trail;
      // Fleet time (the demo clock) resumes after a restart without running backwards.
      const backwards = steps.flatMap((step, index) => {
        const previousEndMs = steps[index - 1]?.finishedAtMs ?? Number.NEGATIVE_INFINITY;
        return step.startedAtMs < previousEndMs
          ? [`step ${step.seq} started ${previousEndMs - step.startedAtMs} ms before the step before it finished`]
          : [];
      });
      expect.soft(backwards).toEqual([]);
      const forwardSteps = steps.filter((step) => step.seq < progress.seq);
      const backSteps = steps.filter((step) => step.seq > progress.seq);
      // Forward steps are numbered 0…n-1; starting the rollback takes number n, its steps follow.
      expect(forwardSteps.map((s) => s.seq)).toEqual(forwardSteps.map((_, index) => index));
      expect(backSteps.map((s) => s.seq)).toEqual(backSteps.map((_, index) => progress.seq + 1 + index));
      expect(forwardSteps.map((s) => s.kind)).toEqual([
        "apply",
        "startBake",
        "evaluateGates",
        "apply",
        "startBake",
        "evaluateGates",
        "complete",
      ]);
      expect(backSteps.map((s) => s.kind)).toEqual(["apply", "rollbackDone"]);
      // Every step with a side effect was cut short by a kill exactly once.
      const withSideEffect = (list: typeof steps) =>
        list.filter((s) => s.kind === "apply" || s.kind === "evaluateGates").length;
      expect(forward.kills).toBe(withSideEffect(forwardSteps));
      expect(back.kills).toBe(withSideEffect(backSteps));

      // The bake: each stage's gate window is exactly its bake, evaluated only once the bake was over.
      const bakes = steps.filter((s) => s.kind === "startBake").map((s) => s.request);
      const gates = steps.filter((s) => s.kind === "evaluateGates");
      gates.forEach((gate, stage) => {
        const bake = bakes[stage] as { convergedAtMs: number; bakeUntilMs: number };
        expect(bake.bakeUntilMs - bake.convergedAtMs).toBe(bakeSeconds * 1000);
        expect(gate.request).toMatchObject({ windowStartMs: bake.convergedAtMs, windowEndMs: bake.bakeUntilMs });
        expect(progress.gateResults[stage]).toMatchObject({
          windowStartMs: bake.convergedAtMs,
          windowEndMs: bake.bakeUntilMs,
        });
        expect(gate.startedAtMs).toBeGreaterThanOrEqual(bake.bakeUntilMs);
        expect(gate.finishedAtMs).toBeGreaterThanOrEqual(bake.bakeUntilMs);
      });

      // The demo stores a config event only when a config changes: a write repeated after a kill adds none.
      const events = (await listConfigEvents(db)).filter((e) => instanceIds.includes(e.instanceId));
      for (const id of instanceIds) {
        expect(
          events.filter((e) => e.instanceId === id).map((e) => e.patch.gogc),
          id,
        ).toEqual([gogc, rolledBack.restore[id]?.gogc]);
      }
    } finally {
      await db.close();
    }
  }, 150_000);
});

async function signIn(url: string, credentials: { username: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(credentials),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!response.ok || !cookie) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return cookie;
}

async function call(url: string, cookie: string, what: Parameters<typeof callOverHttp>[2]): Promise<unknown> {
  const answer = await callOverHttp(url, { cookie }, what);
  if (answer.error) throw new Error(`${JSON.stringify(what).slice(0, 80)}: ${answer.error.message}`);
  return answer.data;
}

interface ChangeAnswer {
  state: ChangeState;
  stateReason: string | null;
  rollout: RolloutProgress | null;
}

function changeOf(url: string, cookie: string, id: string): Promise<ChangeAnswer> {
  return call(url, cookie, { query: "changes.get", input: { id } }) as Promise<ChangeAnswer>;
}

/**
 * Polls until the change is in `target` (true) or the server ended (false). Any other settled
 * state (a hold, a failed gate) fails at once with the reason.
 */
async function waitForState(
  server: ServerProcess,
  cookie: string,
  id: string,
  target: ChangeState,
  ended: () => boolean,
): Promise<boolean> {
  const passing: ChangeState[] = ["rolling", "rolling_back"];
  while (!ended()) {
    try {
      const change = await changeOf(server.url, cookie, id);
      if (change.state === target) return true;
      if (!passing.includes(change.state)) {
        throw new Error(`the change is ${change.state} (${change.stateReason}) instead of ${target}`);
      }
    } catch (error) {
      // A request the kill cut off (no answer, or half of one); anything a live server says is a real failure.
      await sleep(200);
      if (!ended() && !(error instanceof TypeError || error instanceof SyntaxError)) throw error;
    }
    await sleep(100);
  }
  return false;
}

/** A demo service with a few instances, and a lower GOGC for it: one approval, not blocked. */
async function proposal(url: string, cookie: string) {
  const { catalog } = (await call(url, cookie, { query: "fleet.catalog" })) as {
    catalog: { services: { id: string; instances: number }[] };
  };
  for (const candidate of catalog.services.filter((s) => s.instances >= 3 && s.instances <= 8)) {
    const current = Object.values(await gogcOf(url, cookie, candidate.id))[0];
    if (typeof current !== "number") continue;
    // Lower: less heap, so the risk (and the approvals it asks) cannot grow before the start.
    const gogc = Math.round(current * 0.8);
    const content: ChangeContent = {
      title: "GOGC down by a fifth, through crashes",
      description: "less heap",
      patch: { gogc },
      target: { serviceId: candidate.id, selector: "" },
      plan: {
        stages: [
          { name: "canary", regionId: null, size: { kind: "instances", count: 1 }, bakeSeconds },
          { name: "all", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds },
        ],
        // Lenient: what matters here is that gate metrics are read (a side effect), not what they decide.
        gates: [
          { metric: "gcCpuFraction", maxIncrease: 2, noiseFloor: 0.1 },
          { metric: "gcPauseP99", maxIncrease: 10, noiseFloor: 1 },
        ],
        // Generous: a restart takes seconds of wall time, which is minutes of demo time.
        convergenceTimeoutSeconds: 3600,
      },
    };
    const preview = (await call(url, cookie, { query: "changes.preview", input: { content } })) as {
      evaluation: { blocked: boolean; risk: { approvalsRequired: number } };
    };
    if (preview.evaluation.blocked || preview.evaluation.risk.approvalsRequired !== 1) continue;
    return { content, gogc, instanceIds: Object.keys(await gogcOf(url, cookie, candidate.id)).sort() };
  }
  throw new Error("no demo service fits the test");
}

/** The GOGC each instance of the service runs now, as its latest GC sample reports it. */
async function gogcOf(url: string, cookie: string, serviceId: string): Promise<Record<string, number | "off">> {
  const { instances } = (await call(url, cookie, { query: "fleet.service", input: { serviceId } })) as {
    instances: { instance: { id: string }; sample: { gogc: number | "off" } }[];
  };
  return Object.fromEntries(instances.map((i) => [i.instance.id, i.sample.gogc]));
}
