import type { GcSample, Instance } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { createDemoFleet, type DemoFleet } from "./demo-fleet.ts";
import type { DemoFaultRequest } from "./faults.ts";

const seed = 42;
const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const startMs = Date.UTC(2024, 5, 3, 10);
const range = { startMs: startMs - 30 * minuteMs, endMs: startMs + 3 * hourMs, stepMs: 5 * minuteMs };

/** Series for one instance with and without the fault: effects are read against the unfaulted fleet. */
async function withAndWithout(request: DemoFaultRequest, pick: (i: Instance) => boolean) {
  const baseline = createDemoFleet({ seed });
  const faulted = createDemoFleet({ seed });
  faulted.injectFault(request);
  const instance = (await baseline.inventory()).instances.find(pick)!;
  return {
    instance,
    faulted,
    pairs: zip(await baseline.gcSeries(instance.id, range), await faulted.gcSeries(instance.id, range)),
  };
}

function zip(a: GcSample[], b: GcSample[]) {
  return a.map((base, i) => ({ base, faulted: b[i]!, before: base.timestampMs < startMs }));
}

const ofService = (serviceId: string) => (i: Instance) => i.serviceId === serviceId;

describe("fault injection", () => {
  it("memory leak: the live heap grows linearly from the start, not before", async () => {
    const { pairs } = await withAndWithout(
      { kind: "memory-leak", target: { serviceId: "checkout" }, startMs },
      ofService("checkout"),
    );
    for (const { base, faulted, before } of pairs) {
      if (before) expect(faulted).toEqual(base);
    }
    const leaked = pairs.filter((p) => !p.before).map((p) => p.faulted.heapLiveBytes - p.base.heapLiveBytes);
    expect(leaked[0]).toBeCloseTo(0, -3);
    expect(leaked[24]! / leaked[12]!).toBeCloseTo(2, 1);
    expect(pairs.at(-1)!.faulted.heapGoalBytes).toBeGreaterThan(pairs.at(-1)!.base.heapGoalBytes * 2);
  });

  it("memory leak under GOMEMLIMIT: the limit binds and GC CPU climbs towards the limiter", async () => {
    const { pairs } = await withAndWithout(
      { kind: "memory-leak", target: { serviceId: "payments" }, startMs, severity: 2 },
      (i) => i.serviceId === "payments" && i.runtimeConfig.memoryLimitBytes !== null,
    );
    // The limit, not GOGC (whose goal is at least twice the live heap), sets the goal for a while…
    const limitBinds = pairs.some(
      ({ faulted }) =>
        faulted.heapGoalBytes < (faulted.memoryLimitBytes ?? 0) && faulted.heapGoalBytes < 1.5 * faulted.heapLiveBytes,
    );
    expect(limitBinds).toBe(true);
    // …and GC CPU climbs to the limiter, past which the heap is let through the limit.
    const last = pairs.at(-1)!;
    expect(last.faulted.gcCpuFraction).toBeGreaterThan(0.3);
    expect(last.faulted.gcCpuFraction).toBeGreaterThan(last.base.gcCpuFraction * 5);
  });

  it("goroutine leak: goroutines and STW pauses grow from the start", async () => {
    const { pairs } = await withAndWithout(
      { kind: "goroutine-leak", target: { serviceId: "api-gateway" }, startMs },
      ofService("api-gateway"),
    );
    for (const { base, faulted, before } of pairs) if (before) expect(faulted).toEqual(base);
    const last = pairs.at(-1)!;
    expect(last.faulted.goroutines - last.base.goroutines).toBeGreaterThan(150_000);
    expect(last.faulted.pause.p99Seconds).toBeGreaterThan(last.base.pause.p99Seconds * 5);
    expect(last.faulted.heapGoalBytes).toBeGreaterThan(last.base.heapGoalBytes);
  });

  it("allocation spike: allocation × (1 + severity), more cycles and GC CPU, only while it lasts", async () => {
    const endMs = startMs + hourMs;
    const { pairs } = await withAndWithout(
      { kind: "allocation-spike", target: { serviceId: "search" }, startMs, endMs, severity: 2 },
      ofService("search"),
    );
    for (const { base, faulted } of pairs) {
      if (base.timestampMs < startMs || base.timestampMs >= endMs) {
        expect(faulted).toEqual(base);
      } else {
        expect(faulted.allocRateBytesPerSecond / base.allocRateBytesPerSecond).toBeCloseTo(3, 2);
        expect(faulted.gcCyclesPerSecond).toBeGreaterThan(base.gcCyclesPerSecond * 2.5);
        expect(faulted.gcCpuFraction).toBeGreaterThan(base.gcCpuFraction * 2);
      }
    }
  });

  it("memory limit too low: GOMEMLIMIT just above the live heap, the limiter holds GC CPU near 50%", async () => {
    const { pairs } = await withAndWithout(
      { kind: "memory-limit-too-low", target: { serviceId: "api-gateway" }, startMs },
      ofService("api-gateway"),
    );
    const during = pairs.filter((p) => !p.before);
    for (const { faulted } of during) {
      expect(faulted.memoryLimitBytes).not.toBeNull();
      expect(faulted.memoryLimitBytes!).toBeLessThan(faulted.heapLiveBytes * 1.3);
    }
    const fractions = during.map((p) => p.faulted.gcCpuFraction).sort((a, b) => a - b);
    expect(fractions[Math.floor(fractions.length / 2)]).toBeGreaterThan(0.4);
    expect(Math.max(...fractions)).toBeLessThanOrEqual(0.5 + 1e-9);
    expect(pairs[0]!.faulted.memoryLimitBytes).toBe(pairs[0]!.base.memoryLimitBytes);
  });

  it("touches only the targeted instances", async () => {
    const fleet = createDemoFleet({ seed });
    const baseline = createDemoFleet({ seed });
    const instances = (await fleet.inventory()).instances;
    const target = instances.filter((i) => i.serviceId === "checkout").slice(0, 2);
    fleet.injectFault({ kind: "allocation-spike", target: { instanceIds: target.map((i) => i.id) }, startMs });
    const after = await fleet.gcSnapshot(startMs + hourMs);
    const reference = await baseline.gcSnapshot(startMs + hourMs);
    const changed = after.filter((s, i) => s.allocRateBytesPerSecond !== reference[i]!.allocRateBytesPerSecond);
    expect(changed.map((s) => s.instanceId)).toEqual(target.map((i) => i.id));
  });

  it("makes callers of a faulted service see more errors and slower calls", async () => {
    const fleet = createDemoFleet({ seed });
    fleet.injectFault({ kind: "memory-limit-too-low", target: { serviceId: "payments" }, startMs });
    const edge = async (tMs: number) =>
      (await fleet.serviceEdges(tMs)).find((e) => e.fromServiceId === "checkout" && e.toServiceId === "payments")!;
    const before = await edge(startMs - minuteMs);
    const during = await edge(startMs + minuteMs);
    expect(during.errorRatio).toBeGreaterThan(before.errorRatio * 5);
    expect(during.p99LatencyMs).toBeGreaterThan(before.p99LatencyMs * 2);
  });
});

describe("the fault list", () => {
  const leak: DemoFaultRequest = { kind: "memory-leak", target: { serviceId: "checkout" }, startMs };

  it("numbers faults, lists them as stored, and ends one when it is cleared", async () => {
    const fleet = createDemoFleet({ seed });
    const first = fleet.injectFault(leak);
    const second = fleet.injectFault({ ...leak, kind: "goroutine-leak" });
    expect([first, second]).toEqual(["fault-1", "fault-2"]);
    fleet.clearFault(first, startMs + hourMs);
    expect(fleet.faults()).toEqual([
      {
        id: "fault-1",
        kind: "memory-leak",
        target: { serviceId: "checkout" },
        startMs,
        endMs: startMs + hourMs,
        severity: 1,
      },
      { id: "fault-2", kind: "goroutine-leak", target: { serviceId: "checkout" }, startMs, endMs: null, severity: 1 },
    ]);
    const id = (await fleet.inventory()).instances.find(ofService("checkout"))!.id;
    const baseline = createDemoFleet({ seed });
    baseline.injectFault({ ...leak, kind: "goroutine-leak" });
    const at = { startMs: startMs + 2 * hourMs, endMs: startMs + 2 * hourMs, stepMs: minuteMs };
    expect(await fleet.gcSeries(id, at)).toEqual(await baseline.gcSeries(id, at));
  });

  it("continues numbering after faults loaded at start", () => {
    const fleet = createDemoFleet({ seed, faults: [{ id: "fault-7", ...leak, endMs: null, severity: 1 }] });
    expect(fleet.injectFault(leak)).toBe("fault-8");
  });

  it("rejects unknown targets and fault ids, naming them, and adds nothing", () => {
    const fleet = createDemoFleet({ seed });
    expect(() => fleet.injectFault({ ...leak, target: { serviceId: "no-such-service" } })).toThrow(/no-such-service/);
    expect(() => fleet.injectFault({ ...leak, target: { instanceIds: ["ghost-1"] } })).toThrow(/ghost-1/);
    expect(() => fleet.injectFault({ ...leak, target: { serviceId: "search", instanceIds: ["ghost-2"] } })).toThrow(
      /ghost-2/,
    );
    expect(() => fleet.clearFault("fault-99", startMs)).toThrow(/fault-99/);
    expect(fleet.faults()).toEqual([]);
  });

  it("refuses instances that are not in the named service", async () => {
    const fleet: DemoFleet = createDemoFleet({ seed });
    const checkout = (await fleet.inventory()).instances.find(ofService("checkout"))!.id;
    expect(() => fleet.injectFault({ ...leak, target: { serviceId: "search", instanceIds: [checkout] } })).toThrow(
      /not in service "search"/,
    );
  });

  it("keeps working during an outage so the console can still control the demo", () => {
    const fleet = createDemoFleet({ seed });
    fleet.setOutage("maintenance");
    expect(fleet.injectFault(leak)).toBe("fault-1");
    expect(fleet.faults()).toHaveLength(1);
  });
});
