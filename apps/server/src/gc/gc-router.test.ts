import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../testing/test-server.ts";

const hour = 3_600_000;
const day = 24 * hour;

describe("gc router on the demo fleet", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("ranks services by GC CPU, each row the sum of its instances' own numbers", async () => {
    const { leaderboard, atMs } = await server.caller.gc.leaderboard({ level: "service", limit: 500 });
    if (!leaderboard) throw new Error("the demo fleet did not answer");
    const catalog = await server.caller.fleet.catalog();
    expect(leaderboard.total).toBe(catalog.catalog?.services.length);
    const cores = leaderboard.rows.map((r) => r.gcCpuCores ?? 0);
    expect(cores).toEqual([...cores].sort((a, b) => b - a));

    const top = leaderboard.rows[0];
    if (!top?.serviceId) throw new Error("no service row");
    const { leaderboard: instances } = await server.caller.gc.leaderboard({
      level: "instance",
      serviceId: top.serviceId,
      atMs,
      limit: 500,
    });
    expect(instances?.total).toBe(top.instances);
    const summed = instances?.rows.reduce((sum, r) => sum + (r.gcCpuCores ?? 0), 0) ?? 0;
    expect(top.gcCpuCores).toBeCloseTo(summed, 9);
    expect(Math.max(...(instances?.rows.map((r) => r.pauseP99Seconds ?? 0) ?? []))).toBe(top.pauseP99Seconds);
  });

  it("draws an instance's 7 days within the chart's points and marks a GOGC change", async () => {
    const { leaderboard } = await server.caller.gc.leaderboard({ level: "instance", limit: 1 });
    const instanceId = leaderboard?.rows[0]?.id as string;
    await server.caller.demo.setRuntimeConfig({ instanceIds: [instanceId], patch: { gogc: 250 } });
    const endMs = server.services.fleet.nowMs() + hour;
    const answer = await server.caller.gc.instanceSeries({
      instanceId,
      window: { startMs: endMs - 7 * day, endMs, maxPoints: 400 },
    });
    expect(answer.panels.map((p) => p.id)).toContain("heap");
    for (const panel of answer.panels) {
      expect(panel.timestampsMs.length).toBeLessThanOrEqual(400);
      // Each of a panel's (up to four) lines keeps its own 100-point share; the panel keeps their union.
      expect(panel.timestampsMs.length).toBeGreaterThanOrEqual(100);
    }
    expect(answer.markers.filter((m) => m.setting === "gogc").map((m) => m.to)).toContain(250);
  });

  it("folds a service's instances per step and overlays the service across regions", async () => {
    const { catalog } = await server.caller.fleet.catalog();
    const service = catalog?.services.find((s) => s.regionIds.length > 1) ?? catalog?.services[0];
    if (!service) throw new Error("no service");
    const endMs = server.services.fleet.nowMs();
    const window = { startMs: endMs - 6 * hour, endMs, maxPoints: 120 };
    const series = await server.caller.gc.serviceSeries({ serviceId: service.id, window });
    expect(series.instances).toBeGreaterThan(0);
    const cpu = series.panels.find((p) => p.id === "gcCpu");
    expect(cpu?.timestampsMs.length).toBeGreaterThan(0);

    const compare = await server.caller.gc.compare({
      metric: "gcCpuCores",
      subjects: series.regionIds.map((regionId) => ({ kind: "service" as const, serviceId: service.id, regionId })),
      window,
    });
    expect(compare.panel.lines.map((l) => l.key)).toEqual(series.regionIds.map((r) => `${service.id}@${r}`));
    // Per step, the regions add up to the whole service (72 five-minute steps: nothing dropped).
    const cores = series.panels.find((p) => p.id === "gcCores");
    expect(cores?.timestampsMs).toEqual(compare.panel.timestampsMs);
    cores?.lines[0]?.values.forEach((total, step) => {
      const regionsSum = compare.panel.lines.reduce((sum, line) => sum + (line.values[step] ?? 0), 0);
      expect(regionsSum).toBeCloseTo(total ?? Number.NaN, 9);
    });
  });

  it("names what is wrong with a window or an entity", async () => {
    const endMs = server.services.fleet.nowMs();
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => "OK",
        (e: unknown) => (e instanceof TRPCError ? `${e.code}: ${e.message}` : String(e)),
      );
    expect(
      await outcome(
        server.caller.gc.instanceSeries({ instanceId: "nope", window: { startMs: 0, endMs, maxPoints: 100 } }),
      ),
    ).toMatch(/BAD_REQUEST: range: at most 31 days/);
    expect(
      await outcome(
        server.caller.gc.instanceSeries({
          instanceId: "nope",
          window: { startMs: endMs - hour, endMs, maxPoints: 100 },
        }),
      ),
    ).toBe('NOT_FOUND: no instance "nope"');
    expect(
      await outcome(
        server.caller.gc.serviceSeries({
          serviceId: "x",
          window: { startMs: endMs, endMs: endMs - 1, maxPoints: 100 },
        }),
      ),
    ).toMatch(/BAD_REQUEST/);
  });
});

describe("gc series windows relative to the fleet's now", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    // A fast demo clock, so that the fleet's now is far from the wall clock's.
    server = await startTestServer({ FLEETDECK_DEMO_SPEED: "1000" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("ends a `lastMs` window at the fleet's now, not the wall clock's", async () => {
    const { leaderboard } = await server.caller.gc.leaderboard({ level: "instance", limit: 1 });
    const instanceId = leaderboard?.rows[0]?.id as string;
    // 200 ms of wall time are 200 s of fleet time at this speed: far more than a step apart.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = server.services.fleet.nowMs();
    const answer = await server.caller.gc.instanceSeries({ instanceId, window: { lastMs: hour, maxPoints: 300 } });
    const after = server.services.fleet.nowMs();
    const { startMs, endMs, stepMs } = answer.range;
    expect(endMs).toBeGreaterThan(Date.now() + 60_000);
    expect(endMs).toBeGreaterThanOrEqual(Math.floor(before / stepMs) * stepMs);
    expect(endMs).toBeLessThanOrEqual(after);
    expect(endMs - startMs).toBeGreaterThan(hour - 2 * stepMs);
    expect(endMs - startMs).toBeLessThanOrEqual(hour);
    expect(answer.panels.find((p) => p.id === "heap")?.timestampsMs.at(-1)).toBe(endMs);
  });

  it("compares over the last hours, ending at the fleet's latest step", async () => {
    const { catalog } = await server.caller.fleet.catalog();
    const service = catalog?.services[0];
    if (!service) throw new Error("no service");
    const before = server.services.fleet.nowMs();
    const compare = await server.caller.gc.compare({
      metric: "pauseP99Seconds",
      subjects: [{ kind: "service", serviceId: service.id }],
      window: { lastMs: 6 * hour, maxPoints: 100 },
    });
    const after = server.services.fleet.nowMs();
    const { endMs, stepMs } = compare.range;
    expect(endMs).toBeGreaterThanOrEqual(Math.floor(before / stepMs) * stepMs);
    expect(endMs).toBeLessThanOrEqual(after);
    expect(compare.panel.lines[0]?.values.some((v) => v !== null)).toBe(true);
  });

  it("says which window fields are wrong", async () => {
    const issuesOf = (window: Record<string, number>) =>
      server.caller.gc.serviceSeries({ serviceId: "x", window: window as never }).then(
        () => "OK",
        (e: unknown) => (e instanceof TRPCError ? `${e.code}: ${e.message}` : String(e)),
      );
    expect(await issuesOf({ lastMs: hour, startMs: 0, endMs: hour })).toMatch(
      /BAD_REQUEST.*lastMs.*give either lastMs or startMs and endMs, not both/s,
    );
    expect(await issuesOf({ endMs: hour })).toMatch(/BAD_REQUEST.*startMs.*required unless lastMs is given/s);
    expect(await issuesOf({ startMs: 0 })).toMatch(/BAD_REQUEST.*endMs.*required unless lastMs is given/s);
    expect(await issuesOf({ lastMs: 0 })).toMatch(/BAD_REQUEST.*lastMs/s);
  });
});
