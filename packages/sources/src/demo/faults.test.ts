import { describe, expect, it } from "vitest";
import { type DemoFault, DemoFaultRequest, faultEffectsAt, isFaultActiveAt, noFaultEffects } from "./faults.ts";
import { generateDemoFleet } from "./generate-fleet.ts";

const MiB = 1024 * 1024;
const startMs = Date.UTC(2024, 5, 3, 10);
const minuteMs = 60_000;
const workload = generateDemoFleet({ seed: 42 }).workloads[0]!;

const fault = (overrides: Partial<DemoFault>): DemoFault => ({
  id: "fault-1",
  kind: "memory-leak",
  target: { serviceId: "api-gateway" },
  startMs,
  endMs: null,
  severity: 1,
  ...overrides,
});

const effectsAt = (faults: DemoFault[], tMs: number) => faultEffectsAt(faults, workload, tMs, noFaultEffects());

describe("DemoFaultRequest", () => {
  it("accepts a service, instances, or both", () => {
    for (const target of [
      { serviceId: "checkout" },
      { instanceIds: ["a-1"] },
      { serviceId: "x", instanceIds: ["x-1"] },
    ]) {
      expect(DemoFaultRequest.safeParse({ kind: "memory-leak", target, startMs }).success).toBe(true);
    }
  });

  it("rejects a missing target, an unknown kind, an end before the start and silly severities", () => {
    const bad = [
      { kind: "memory-leak", target: {}, startMs },
      { kind: "disk-full", target: { serviceId: "x" }, startMs },
      { kind: "memory-leak", target: { serviceId: "x" }, startMs, endMs: startMs - 1 },
      { kind: "memory-leak", target: { serviceId: "x" }, startMs, severity: 0 },
      { kind: "memory-leak", target: { serviceId: "x" }, startMs, severity: 1000 },
      { kind: "memory-leak", target: { serviceId: "has space" }, startMs },
      { kind: "memory-leak", target: { serviceId: "x" }, startMs: Number.POSITIVE_INFINITY },
    ];
    for (const request of bad) expect(DemoFaultRequest.safeParse(request).success).toBe(false);
  });

  it("is JSON round-trippable", () => {
    const request = { kind: "allocation-spike", target: { instanceIds: ["a"] }, startMs, endMs: null, severity: 2 };
    expect(DemoFaultRequest.parse(JSON.parse(JSON.stringify(request)))).toEqual(request);
  });
});

describe("isFaultActiveAt", () => {
  it("covers [start, end)", () => {
    const bounded = fault({ endMs: startMs + minuteMs });
    expect(isFaultActiveAt(bounded, startMs - 1)).toBe(false);
    expect(isFaultActiveAt(bounded, startMs)).toBe(true);
    expect(isFaultActiveAt(bounded, startMs + minuteMs - 1)).toBe(true);
    expect(isFaultActiveAt(bounded, startMs + minuteMs)).toBe(false);
    expect(isFaultActiveAt(fault({}), startMs + 1e12)).toBe(true);
  });
});

describe("faultEffectsAt", () => {
  it("does nothing before a fault starts or after it ends", () => {
    const none = noFaultEffects();
    expect(effectsAt([fault({})], startMs - 1)).toEqual(none);
    expect(effectsAt([fault({ endMs: startMs + minuteMs })], startMs + 2 * minuteMs)).toEqual(none);
  });

  it("grows a memory leak linearly with time and severity", () => {
    const after10 = effectsAt([fault({})], startMs + 10 * minuteMs).leakedHeapBytes;
    const after20 = effectsAt([fault({})], startMs + 20 * minuteMs).leakedHeapBytes;
    const severe = effectsAt([fault({ severity: 3 })], startMs + 10 * minuteMs).leakedHeapBytes;
    expect(after10).toBeGreaterThan(1 * MiB);
    expect(after20).toBeCloseTo(2 * after10, 0);
    expect(severe).toBeCloseTo(3 * after10, 0);
  });

  it("leaks goroutines (with a little heap each)", () => {
    const effects = effectsAt([fault({ kind: "goroutine-leak" })], startMs + 30 * minuteMs);
    expect(effects.leakedGoroutines).toBeCloseTo(30_000, 6);
    expect(effects.leakedHeapBytes).toBeGreaterThan(0);
  });

  it("multiplies allocation during a spike", () => {
    expect(effectsAt([fault({ kind: "allocation-spike", severity: 2 })], startMs).allocMultiplier).toBe(3);
  });

  it("sets GOMEMLIMIT just above the working set, tighter with severity", () => {
    const mild = effectsAt([fault({ kind: "memory-limit-too-low" })], startMs).memoryLimitOverrideBytes ?? 0;
    const severe =
      effectsAt([fault({ kind: "memory-limit-too-low", severity: 5 })], startMs).memoryLimitOverrideBytes ?? 0;
    expect(mild).toBeGreaterThan(workload.workingSetBytes);
    expect(mild).toBeLessThan(workload.workingSetBytes * 1.2 + 16 * MiB);
    expect(severe).toBeLessThan(mild);
  });

  it("combines faults and resets a reused output", () => {
    const out = noFaultEffects();
    faultEffectsAt([fault({}), fault({ kind: "allocation-spike", severity: 1 })], workload, startMs + minuteMs, out);
    expect(out.leakedHeapBytes).toBeGreaterThan(0);
    expect(out.allocMultiplier).toBe(2);
    faultEffectsAt([], workload, startMs, out);
    expect(out).toEqual(noFaultEffects());
  });
});
