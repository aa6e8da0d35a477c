import { queryAudit } from "@fleetdeck/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../auth/identity.ts";
import { startTestServer } from "../testing/test-server.ts";

type Caller = Awaited<ReturnType<typeof startTestServer>>["caller"];

/** Polls a capture's status until it has ended (the web polls every 500 ms too). */
async function endedStatus(caller: Caller, captureId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await caller.profiles.captureStatus({ captureId });
    if (status.state !== "running") return status;
    if (Date.now() > deadline) throw new Error(`capture ${captureId} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("profile captures on the demo fleet", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let instanceIds: string[];
  let operator: Identity;
  let rateLimited: Identity;

  beforeAll(async () => {
    server = await startTestServer({ FLEETDECK_PROFILE_CAPTURES_PER_MINUTE: "4" });
    instanceIds = (await server.services.demo.source.inventory()).instances.map((instance) => instance.id);
    const signInAs = async (username: string) => {
      const password = "samples the fleet's stacks";
      await server.caller.users.create({ username, password, roles: ["operator"] });
      return (
        await server.services.sessions.login({ username, password, ip: "127.0.0.1", userAgent: null, requestId: "t" })
      ).identity;
    };
    operator = await signInAs("otto");
    rateLimited = await signInAs("rita");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("capture a CPU profile: running with seconds left, then done and stored with where the instance runs", async () => {
    const instanceId = instanceIds[0]!;
    const instance = (await server.services.demo.source.inventory()).instances[0]!;
    const started = await server.caller.profiles.capture({ instanceId, kind: "cpu", seconds: 1 });
    expect(started).toMatchObject({ kind: "cpu", instanceId, expectedSeconds: 1 });
    expect(Date.parse(started.startedAt)).toBeGreaterThan(Date.now() - 5_000);
    const running = await server.caller.profiles.captureStatus({ captureId: started.captureId });
    expect(running).toEqual({ state: "running", secondsLeft: 1, profileId: null, error: null });

    const done = await endedStatus(server.caller, started.captureId);
    expect(done).toMatchObject({ state: "done", secondsLeft: 0, error: null });
    const meta = await server.caller.profiles.get({ id: done.profileId! });
    expect(meta).toMatchObject({
      kind: "cpu",
      origin: "capture",
      instanceId,
      service: instance.serviceId,
      createdBy: "admin",
      labels: { region: instance.regionId, cluster: instance.clusterId, source: "demo" },
    });
    expect(meta.durationSeconds).toBeCloseTo(1, 0);
    expect(meta.totals.some((total) => total > 0)).toBe(true);
    expect((await server.caller.profiles.top({ id: meta.id })).functions.length).toBeGreaterThan(0);
    const audit = await queryAudit(server.services.db, { action: "profile.capture", entityId: meta.id, limit: 5 });
    expect(audit.entries[0]).toMatchObject({ actor: "admin", after: { instanceId, kind: "cpu" } });
  });

  it("allow one CPU capture per instance at a time, naming who holds it; snapshots and cancel are not held up", async () => {
    const instanceId = instanceIds[1]!;
    const first = await server.caller.profiles.capture({ instanceId, kind: "cpu", seconds: 30 });
    const second = server.callerAs(operator).profiles.capture({ instanceId, kind: "cpu", seconds: 5 });
    await expect(second).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(
        /^admin is already capturing a CPU profile of instance ".+" \(until .+Z, 30 s from now\)/,
      ),
    });
    // Another kind of profile, or another instance, goes ahead meanwhile.
    const heap = await server.callerAs(operator).profiles.capture({ instanceId, kind: "heap" });
    expect(heap.expectedSeconds).toBe(0);
    expect(await endedStatus(server.caller, heap.captureId)).toMatchObject({ state: "done" });

    // Only whoever started it, or an administrator, may cancel it.
    await expect(
      server.callerAs(operator).profiles.cancelCapture({ captureId: first.captureId }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/only admin, who started/) });
    const cancelled = await server.caller.profiles.cancelCapture({ captureId: first.captureId });
    expect(cancelled).toEqual({ state: "cancelled", secondsLeft: 0, profileId: null, error: "cancelled by admin" });
    const audit = await queryAudit(server.services.db, {
      action: "profile.cancel-capture",
      entityId: first.captureId,
      limit: 5,
    });
    expect(audit.entries).toHaveLength(1);

    // The instance is free again.
    const next = await server.callerAs(operator).profiles.capture({ instanceId, kind: "cpu", seconds: 10 });
    expect((await server.callerAs(operator).profiles.cancelCapture({ captureId: next.captureId })).state).toBe(
      "cancelled",
    );
    const stored = await server.caller.profiles.list({ instanceId });
    expect((await server.caller.profiles.list()).profiles.length).toBeGreaterThanOrEqual(2);
    expect(stored.profiles.map((p) => p.kind)).toEqual(["heap"]);
  });

  it("limit how many captures one user starts per minute, saying when to try again", async () => {
    const caller = server.callerAs(rateLimited);
    for (let i = 0; i < 4; i++) {
      const started = await caller.profiles.capture({ instanceId: instanceIds[2 + i]!, kind: "goroutine" });
      await endedStatus(caller, started.captureId);
    }
    const refused = await caller.profiles.capture({ instanceId: instanceIds[2]!, kind: "goroutine" }).catch((e) => e);
    expect(refused).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(
        /^rita has started 4 profile captures in the last minute, the most allowed; try again in \d+ s$/,
      ),
    });
    // Other users are not held back by rita's captures.
    const other = await server.callerAs(operator).profiles.capture({ instanceId: instanceIds[2]!, kind: "goroutine" });
    expect(other.captureId).toBeTruthy();
  });

  it("refuse an unknown instance, seconds out of range and an unknown capture", async () => {
    await expect(
      server.caller.profiles.capture({ instanceId: "no-such-instance", kind: "heap" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: 'no instance with id "no-such-instance" in any source' });
    for (const seconds of [0, 121, 1.5]) {
      await expect(
        server.caller.profiles.capture({ instanceId: instanceIds[0]!, kind: "cpu", seconds }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(server.caller.profiles.captureStatus({ captureId: "nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
