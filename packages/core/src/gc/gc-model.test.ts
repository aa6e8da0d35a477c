import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateNonHeapBytes, type GcModelInput, predictGc } from "./gc-model.ts";

const MiB = 1024 * 1024;

/** The program measured in GC-MODEL.md: ~74.7 MiB live, ~200 MiB/s of garbage, 2 cores, Go 1.19. */
const measuredProgram: GcModelInput = {
  liveHeapBytes: 74.7 * MiB,
  rootsBytes: 0,
  allocRateBytesPerSecond: 200 * MiB,
  gogc: 100,
  memoryLimitBytes: null,
  nonHeapBytes: 6 * MiB,
  gomaxprocs: 2,
  cpuQuotaCores: null,
  goroutines: 10,
};

describe("predictGc against the measured Go 1.19 program", () => {
  it.each([
    { gogc: 100, goalMiB: 149.4, cycles: 2.55 },
    { gogc: 50, goalMiB: 110.7, cycles: 5.25 },
    { gogc: 200, goalMiB: 223.5, cycles: 1.3 },
  ])("GOGC=$gogc: goal ≈ $goalMiB MiB, ≈ $cycles cycles/s", ({ gogc, goalMiB, cycles }) => {
    const p = predictGc({ ...measuredProgram, gogc });
    expect(p.heapGoalBytes / MiB).toBeCloseTo(goalMiB, -0.5); // within ~1.6 MiB
    expect(Math.abs(p.gcCyclesPerSecond - cycles) / cycles).toBeLessThan(0.1);
    expect(p.memoryLimitBinding).toBe(false);
  });
});

describe("heap goal", () => {
  it("counts roots in the GOGC goal (Go 1.18+)", () => {
    const withoutRoots = predictGc({ ...measuredProgram, rootsBytes: 0 });
    const withRoots = predictGc({ ...measuredProgram, rootsBytes: 10 * MiB });
    expect(withRoots.heapGoalBytes - withoutRoots.heapGoalBytes).toBeCloseTo(10 * MiB, 0);
  });

  it("never goes below the runtime's 4 MiB × GOGC/100 minimum", () => {
    const p = predictGc({ ...measuredProgram, liveHeapBytes: 0.5 * MiB });
    expect(p.heapGoalBytes).toBe(4 * MiB);
  });

  it("with GOGC=off and no limit, only the two-minute forced GC collects", () => {
    const p = predictGc({ ...measuredProgram, gogc: "off", allocRateBytesPerSecond: 1 * MiB });
    expect(p.gogcHeapGoalBytes).toBeNull();
    expect(p.gcCyclesPerSecond).toBeCloseTo(1 / 120, 6);
    expect(p.heapGoalBytes).toBeCloseTo(74.7 * MiB + 120 * MiB, -3);
  });

  it("with GOGC=off, the memory limit alone sets the goal", () => {
    const p = predictGc({ ...measuredProgram, gogc: "off", memoryLimitBytes: 300 * MiB });
    expect(p.memoryLimitBinding).toBe(true);
    expect(p.heapGoalBytes).toBe(300 * MiB - measuredProgram.nonHeapBytes);
  });
});

describe("memory limit", () => {
  it("binds when the GOGC goal would exceed limit − non-heap, and raises GC frequency", () => {
    const free = predictGc(measuredProgram);
    const limited = predictGc({ ...measuredProgram, memoryLimitBytes: 120 * MiB });
    expect(limited.memoryLimitBinding).toBe(true);
    expect(limited.heapGoalBytes).toBe(120 * MiB - 6 * MiB);
    // The runway shrinks from 74.7 MiB to 39.3 MiB: about 1.9× the cycles.
    expect(limited.gcCyclesPerSecond).toBeGreaterThan(free.gcCyclesPerSecond * 1.8);
    expect(limited.gcCpuLimited).toBe(false);
  });

  it("does not bind when the limit is above the GOGC goal", () => {
    const p = predictGc({ ...measuredProgram, memoryLimitBytes: 1024 * MiB });
    expect(p.memoryLimitBinding).toBe(false);
    expect(p.heapGoalBytes).toBeCloseTo(149.4 * MiB, -6);
  });

  it("caps GC CPU near 50% and lets the heap exceed the limit when live heap nears it", () => {
    const p = predictGc({ ...measuredProgram, memoryLimitBytes: 78 * MiB });
    expect(p.gcCpuLimited).toBe(true);
    expect(p.gcCpuFraction).toBeCloseTo(0.5, 5);
    expect(p.heapGoalBytes).toBeGreaterThan(78 * MiB - measuredProgram.nonHeapBytes);
    expect(p.rssBytes).toBeGreaterThan(78 * MiB);
  });
});

describe("GC CPU", () => {
  it("is measured against the CPU quota when it is below GOMAXPROCS", () => {
    const byProcs = predictGc({ ...measuredProgram, gomaxprocs: 8 });
    const byQuota = predictGc({ ...measuredProgram, gomaxprocs: 8, cpuQuotaCores: 2 });
    expect(byQuota.availableCores).toBe(2);
    expect(byQuota.gcCpuCores).toBeCloseTo(byProcs.gcCpuCores, 9);
    expect(byQuota.gcCpuFraction).toBeCloseTo(byProcs.gcCpuFraction * 4, 9);
  });

  it("is cycles × per-cycle cost, with per-cycle cost growing with the live heap", () => {
    const p = predictGc(measuredProgram);
    expect(p.gcCpuCores).toBeCloseTo(p.gcCyclesPerSecond * p.gcCpuSecondsPerCycle, 12);
    const bigger = predictGc({ ...measuredProgram, liveHeapBytes: 2 * measuredProgram.liveHeapBytes });
    expect(bigger.gcCpuSecondsPerCycle).toBeGreaterThan(p.gcCpuSecondsPerCycle * 1.8);
  });
});

describe("properties", () => {
  const input = fc.record({
    liveHeapBytes: fc.double({ min: 1 * MiB, max: 64 * 1024 * MiB, noNaN: true }),
    rootsBytes: fc.double({ min: 0, max: 256 * MiB, noNaN: true }),
    allocRateBytesPerSecond: fc.double({ min: 1, max: 4096 * MiB, noNaN: true }),
    gogc: fc.integer({ min: 10, max: 1000 }),
    gomaxprocs: fc.integer({ min: 1, max: 64 }),
    goroutines: fc.integer({ min: 1, max: 1_000_000 }),
  });
  type Workload = typeof input extends fc.Arbitrary<infer T> ? T : never;
  const base = (v: Workload) => ({
    ...v,
    memoryLimitBytes: null,
    nonHeapBytes: estimateNonHeapBytes(v.liveHeapBytes),
    cpuQuotaCores: null,
  });

  it("raising GOGC never raises GC frequency or GC CPU, and never lowers the heap goal", () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 900 }), (v, extra) => {
        const low = predictGc(base(v));
        const high = predictGc({ ...base(v), gogc: v.gogc + extra });
        expect(high.gcCyclesPerSecond).toBeLessThanOrEqual(low.gcCyclesPerSecond * (1 + 1e-12));
        expect(high.gcCpuCores).toBeLessThanOrEqual(low.gcCpuCores * (1 + 1e-12));
        expect(high.heapGoalBytes).toBeGreaterThanOrEqual(low.heapGoalBytes);
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });

  it("GC CPU fraction stays within [0, 1] and the goal above the live heap", () => {
    fc.assert(
      fc.property(input, fc.option(fc.double({ min: 1 * MiB, max: 128 * 1024 * MiB, noNaN: true })), (v, limit) => {
        const p = predictGc({ ...base(v), memoryLimitBytes: limit });
        expect(p.gcCpuFraction).toBeGreaterThanOrEqual(0);
        expect(p.gcCpuFraction).toBeLessThanOrEqual(1);
        if (!p.memoryLimitBinding) expect(p.heapGoalBytes).toBeGreaterThan(v.liveHeapBytes);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
