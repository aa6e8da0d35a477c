import { GcSample, ServiceEdge } from "@fleetdeck/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDemoFleet } from "./demo-fleet.ts";

const seed = 42;
const hourMs = 3_600_000;
const noonMs = Date.UTC(2024, 5, 3, 12);

async function gogc100Instance() {
  const fleet = createDemoFleet({ seed });
  const inventory = await fleet.inventory();
  return inventory.instances.find(
    (i) => i.runtimeConfig.gogc === 100 && i.runtimeConfig.memoryLimitBytes === null && i.serviceId === "checkout",
  )!;
}

describe("DemoFleet as a FleetSource", () => {
  it("answers ping and hands out one frozen inventory without copying", async () => {
    const fleet = createDemoFleet({ seed });
    expect(fleet.id).toBe("demo");
    expect(fleet.kind).toBe("demo");
    await expect(fleet.ping()).resolves.toBeUndefined();
    const first = await fleet.inventory();
    expect(await fleet.inventory()).toBe(first);
    expect(Object.isFrozen(first.instances[0])).toBe(true);
  });

  it("snapshots every instance in inventory order with valid samples", async () => {
    const fleet = createDemoFleet({ seed });
    const inventory = await fleet.inventory();
    const samples = await fleet.gcSnapshot(noonMs);
    expect(samples.map((s) => s.instanceId)).toEqual(inventory.instances.map((i) => i.id));
    for (const sample of samples) expect(() => GcSample.parse(sample)).not.toThrow();
  });

  it("snapshots only the listed instances, identical to the full snapshot, and names unknown ids", async () => {
    const fleet = createDemoFleet({ seed });
    const full = await fleet.gcSnapshot(noonMs);
    const picked = [full[7], full[3]].map((s) => s?.instanceId ?? "");
    expect(await fleet.gcSnapshot(noonMs, picked)).toEqual([full[7], full[3]]);
    await expect(fleet.gcSnapshot(noonMs, ["no-such-instance"])).rejects.toThrow("no-such-instance");
  });

  it("returns service edges that follow the traffic of the time asked", async () => {
    const fleet = createDemoFleet({ seed, regions: 1 });
    const gatewayRps = async (tMs: number) =>
      (await fleet.serviceEdges(tMs))
        .filter((e) => e.fromServiceId === "api-gateway")
        .reduce((sum, e) => sum + e.rps, 0);
    const edges = await fleet.serviceEdges(noonMs);
    for (const edge of edges) expect(() => ServiceEdge.parse(edge)).not.toThrow();
    // One region (Dublin, UTC+0): the afternoon peak carries several times the night's traffic.
    expect(await gatewayRps(Date.UTC(2024, 5, 3, 16))).toBeGreaterThan(
      (await gatewayRps(Date.UTC(2024, 5, 3, 4))) * 2.5,
    );
  });
});

describe("service edges per region pair", () => {
  const regionsOf = async (fleet: ReturnType<typeof createDemoFleet>) => {
    const regions = new Map<string, Set<string>>();
    for (const instance of (await fleet.inventory()).instances) {
      const set = regions.get(instance.serviceId) ?? new Set<string>();
      set.add(instance.regionId);
      regions.set(instance.serviceId, set);
    }
    return regions;
  };

  it("calls from every region the caller runs in, to a region the callee runs in, locally when it can", async () => {
    const fleet = createDemoFleet({ seed });
    const regions = await regionsOf(fleet);
    const edges = await fleet.serviceEdges(noonMs);
    for (const edge of edges) {
      expect(regions.get(edge.fromServiceId)?.has(edge.fromRegionId ?? "")).toBe(true);
      expect(regions.get(edge.toServiceId)?.has(edge.toRegionId ?? "")).toBe(true);
    }
    const pairs = new Set(edges.map((e) => `${e.fromServiceId}>${e.toServiceId}`));
    for (const pair of pairs) {
      const [from = "", to = ""] = pair.split(">");
      const ofPair = edges.filter((e) => e.fromServiceId === from && e.toServiceId === to);
      expect(new Set(ofPair.map((e) => e.fromRegionId))).toEqual(regions.get(from));
      for (const region of regions.get(from) ?? []) {
        const largest = ofPair.filter((e) => e.fromRegionId === region).sort((a, b) => b.rps - a.rps)[0];
        if (regions.get(to)?.has(region)) expect(largest?.toRegionId).toBe(region);
        else expect(largest?.toRegionId).not.toBe(region);
      }
    }
  });

  it("crosses regions for a callee missing from the caller's region, and for writes to etcd's leader region", async () => {
    const fleet = createDemoFleet({ seed });
    const regions = await regionsOf(fleet);
    const edges = await fleet.serviceEdges(noonMs);
    // A callee of the gateway (which runs everywhere) that some region lacks.
    const gatewayEdges = edges.filter((e) => e.fromServiceId === "api-gateway");
    const partial = gatewayEdges.find(
      (e) => (regions.get(e.toServiceId)?.size ?? 0) < (regions.get("api-gateway")?.size ?? 0),
    );
    const toPartial = gatewayEdges.filter((e) => e.toServiceId === partial?.toServiceId);
    expect(toPartial.some((e) => e.fromRegionId !== e.toRegionId)).toBe(true);

    const toEtcd = edges.filter((e) => e.fromServiceId === "payments" && e.toServiceId === "etcd");
    const away = toEtcd.filter((e) => e.fromRegionId !== e.toRegionId);
    expect(away.length).toBe((regions.get("payments")?.size ?? 0) - 1);
    for (const edge of away) {
      const local = toEtcd.find((e) => e.fromRegionId === edge.fromRegionId && e.toRegionId === edge.fromRegionId);
      expect(edge.rps).toBeGreaterThan(0);
      expect(edge.rps).toBeLessThan((local?.rps ?? 0) / 5);
      expect(edge.p99LatencyMs).toBeGreaterThan((local?.p99LatencyMs ?? Number.POSITIVE_INFINITY) + 20);
    }
  });

  it("splits a call's traffic by where the caller's traffic is: each region's follows its own day", async () => {
    const fleet = createDemoFleet({ seed });
    const gatewayToCheckout = async (tMs: number, regionId: string) =>
      (await fleet.serviceEdges(tMs)).find(
        (e) => e.fromServiceId === "api-gateway" && e.toServiceId === "checkout" && e.fromRegionId === regionId,
      )?.rps ?? Number.NaN;
    // 16:00 UTC is Dublin's afternoon and Singapore's midnight; 04:00 UTC the other way round.
    const dublinAfternoon = Date.UTC(2024, 5, 3, 16);
    const singaporeAfternoon = Date.UTC(2024, 5, 3, 4);
    const ratioAt = async (tMs: number) =>
      (await gatewayToCheckout(tMs, "eu-west")) / (await gatewayToCheckout(tMs, "ap-southeast"));
    expect(await ratioAt(dublinAfternoon)).toBeGreaterThan((await ratioAt(singaporeAfternoon)) * 4);
  });

  it("keeps the same edges (region pairs included) from one instant to the next", async () => {
    const fleet = createDemoFleet({ seed });
    const shape = async (tMs: number) =>
      (await fleet.serviceEdges(tMs)).map(
        (e) => `${e.fromServiceId}@${e.fromRegionId}>${e.toServiceId}@${e.toRegionId}`,
      );
    expect(await shape(noonMs + 6 * hourMs)).toEqual(await shape(noonMs));
  });
});

describe("metrics are a pure function of time", () => {
  it("gives the same sample at t from a 60 s series, a 300 s series and a snapshot", async () => {
    const fleet = createDemoFleet({ seed });
    const inventory = await fleet.inventory();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: inventory.instances.length - 1 }),
        fc.integer({ min: 0, max: 7 * 24 * 12 }),
        async (instanceIndex, fiveMinuteSlot) => {
          const instanceId = inventory.instances[instanceIndex]!.id;
          const tMs = noonMs + fiveMinuteSlot * 300_000;
          const fine = await fleet.gcSeries(instanceId, {
            startMs: tMs - 600_000,
            endMs: tMs + 600_000,
            stepMs: 60_000,
          });
          const coarse = await fleet.gcSeries(instanceId, {
            startMs: tMs - hourMs,
            endMs: tMs + hourMs,
            stepMs: 300_000,
          });
          const snapshot = (await fleet.gcSnapshot(tMs))[instanceIndex];
          const atT = (series: GcSample[]) => series.find((s) => s.timestampMs === tMs);
          expect(atT(fine)).toEqual(snapshot);
          expect(atT(coarse)).toEqual(snapshot);
        },
      ),
      { seed: 3, numRuns: 25 },
    );
  });

  it("does not depend on what was asked before (a fresh fleet agrees)", async () => {
    const queried = createDemoFleet({ seed });
    await queried.gcSnapshot(noonMs - 5 * hourMs);
    const fresh = createDemoFleet({ seed });
    expect(await queried.gcSnapshot(noonMs)).toEqual(await fresh.gcSnapshot(noonMs));
  });
});

describe("gcSeries", () => {
  it("returns one point per step at multiples of the step", async () => {
    const fleet = createDemoFleet({ seed });
    const { id } = (await fleet.inventory()).instances[5]!;
    const series = await fleet.gcSeries(id, { startMs: noonMs + 1, endMs: noonMs + hourMs, stepMs: 60_000 });
    expect(series).toHaveLength(60);
    expect(series[0]!.timestampMs).toBe(noonMs + 60_000);
    for (const sample of series) {
      expect(sample.timestampMs % 60_000).toBe(0);
      expect(sample.instanceId).toBe(id);
    }
  });

  it("rejects an unknown instance, too many points and a sub-second step, saying which limit", async () => {
    const fleet = createDemoFleet({ seed });
    const { id } = (await fleet.inventory()).instances[0]!;
    await expect(fleet.gcSeries("nope", { startMs: 0, endMs: 60_000, stepMs: 60_000 })).rejects.toThrow(/"nope"/);
    await expect(fleet.gcSeries(id, { startMs: 0, endMs: 11_000 * 1_000, stepMs: 1_000 })).rejects.toThrow(/11000/);
    await expect(fleet.gcSeries(id, { startMs: 0, endMs: 60_000, stepMs: 500 })).rejects.toThrow(/at least 1000 ms/);
  });
});

describe("runtime config changes", () => {
  it("GOGC 100→200 at t halves GC cycles from t on, and not before", async () => {
    const instance = await gogc100Instance();
    const baseline = createDemoFleet({ seed });
    const changed = createDemoFleet({ seed });
    await changed.applyRuntimeConfig([instance.id], { gogc: 200 }, noonMs);
    const range = { startMs: noonMs - hourMs, endMs: noonMs + hourMs, stepMs: 60_000 };
    const before = await baseline.gcSeries(instance.id, range);
    const after = await changed.gcSeries(instance.id, range);
    before.forEach((reference, i) => {
      const sample = after[i]!;
      if (sample.timestampMs < noonMs) {
        expect(sample).toEqual(reference);
      } else {
        expect(sample.gogc).toBe(200);
        expect(sample.gcCyclesPerSecond / reference.gcCyclesPerSecond).toBeCloseTo(0.5, 1);
      }
    });
  });

  it("rejects unknown instance ids, naming them, and applies nothing", async () => {
    const fleet = createDemoFleet({ seed });
    const instance = await gogc100Instance();
    const before = await fleet.gcSnapshot(noonMs + hourMs);
    await expect(fleet.applyRuntimeConfig([instance.id, "ghost-1", "ghost-2"], { gogc: 50 }, noonMs)).rejects.toThrow(
      /ghost-1, ghost-2/,
    );
    await expect(fleet.applyRuntimeConfig([instance.id], {} as never, noonMs)).rejects.toThrow();
    expect(fleet.configEvents()).toEqual([]);
    expect(await fleet.gcSnapshot(noonMs + hourMs)).toEqual(before);
  });

  it("replays persisted events and faults into an identical fleet", async () => {
    const instance = await gogc100Instance();
    const original = createDemoFleet({ seed });
    await original.applyRuntimeConfig([instance.id], { gogc: 50, memoryLimitBytes: 900 << 20 }, noonMs);
    original.injectFault({ kind: "allocation-spike", target: { serviceId: "checkout" }, startMs: noonMs + hourMs });
    const persisted = JSON.parse(JSON.stringify({ configEvents: original.configEvents(), faults: original.faults() }));
    const reloaded = createDemoFleet({ seed, ...persisted });
    const range = { startMs: noonMs - hourMs, endMs: noonMs + 3 * hourMs, stepMs: 300_000 };
    expect(await reloaded.gcSeries(instance.id, range)).toEqual(await original.gcSeries(instance.id, range));
    expect(reloaded.configEvents()).toEqual(original.configEvents());
    expect(reloaded.faults()).toEqual(original.faults());
  });

  it("refuses persisted events for instances it does not have", () => {
    const configEvents = [{ atMs: noonMs, instanceIds: ["ghost"], patch: { gogc: 50 } }];
    expect(() => createDemoFleet({ seed, configEvents })).toThrow(/ghost/);
  });
});

describe("simulated outage", () => {
  it("makes every FleetSource call reject with the message until it is lifted", async () => {
    const fleet = createDemoFleet({ seed });
    const { id } = (await fleet.inventory()).instances[0]!;
    fleet.setOutage("etcd quorum lost");
    expect(fleet.outageMessage).toBe("etcd quorum lost");
    const expected = "demo control plane unavailable: etcd quorum lost";
    await expect(fleet.ping()).rejects.toThrow(expected);
    await expect(fleet.inventory()).rejects.toThrow(expected);
    await expect(fleet.serviceEdges(noonMs)).rejects.toThrow(expected);
    await expect(fleet.gcSnapshot(noonMs)).rejects.toThrow(expected);
    await expect(fleet.gcSeries(id, { startMs: noonMs, endMs: noonMs, stepMs: 60_000 })).rejects.toThrow(expected);
    await expect(fleet.applyRuntimeConfig([id], { gogc: 50 }, noonMs)).rejects.toThrow(expected);
    expect(fleet.configEvents()).toEqual([]);

    fleet.setOutage(null);
    expect(fleet.outageMessage).toBeNull();
    await expect(fleet.ping()).resolves.toBeUndefined();
    await expect(fleet.gcSnapshot(noonMs)).resolves.toHaveLength((await fleet.inventory()).instances.length);
  });
});
