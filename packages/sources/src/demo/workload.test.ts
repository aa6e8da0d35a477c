import { GcSample } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { noFaultEffects } from "./faults.ts";
import { generateDemoFleet } from "./generate-fleet.ts";
import { heapWanderFactorAt, simulateGcSample } from "./workload.ts";

const fleet = generateDemoFleet({ seed: 42 });
const tMs = Date.UTC(2024, 5, 3, 14, 7);
const none = noFaultEffects();

describe("simulateGcSample", () => {
  it("produces valid samples for every instance, with the heap between live and goal", () => {
    for (const workload of fleet.workloads) {
      const sample = simulateGcSample(workload, workload.baseConfig, none, tMs);
      expect(() => GcSample.parse(sample)).not.toThrow();
      expect(sample.instanceId).toBe(workload.instanceId);
      expect(sample.timestampMs).toBe(tMs);
      expect(sample.heapInUseBytes).toBeGreaterThanOrEqual(sample.heapLiveBytes);
      expect(sample.heapInUseBytes).toBeLessThanOrEqual(sample.heapGoalBytes);
      expect(sample.rssBytes).toBeGreaterThan(sample.heapGoalBytes);
      expect(sample.goroutines).toBeGreaterThanOrEqual(workload.baseGoroutines);
    }
  });

  it("halves GC frequency and doubles the headroom when GOGC goes from 100 to 200", () => {
    const workload = fleet.workloads.find((w) => w.baseConfig.gogc === 100 && w.baseConfig.memoryLimitBytes === null)!;
    const at100 = simulateGcSample(workload, { ...workload.baseConfig, gogc: 100 }, none, tMs);
    const at200 = simulateGcSample(workload, { ...workload.baseConfig, gogc: 200 }, none, tMs);
    expect(at200.gcCyclesPerSecond / at100.gcCyclesPerSecond).toBeCloseTo(0.5, 1);
    const headroom = (s: GcSample) => s.heapGoalBytes - s.heapLiveBytes;
    expect(headroom(at200) / headroom(at100)).toBeCloseTo(2, 1);
    expect(at200.gcCpuFraction).toBeLessThan(at100.gcCpuFraction);
  });

  it("turns traffic into allocation, goroutines and CPU", () => {
    const workload = fleet.workloads[0]!;
    const night = simulateGcSample(workload, workload.baseConfig, none, Date.UTC(2024, 5, 3, 4));
    const day = simulateGcSample(workload, workload.baseConfig, none, Date.UTC(2024, 5, 3, 16));
    expect(day.requestsPerSecond).toBeGreaterThan(night.requestsPerSecond * 2);
    expect(day.allocRateBytesPerSecond).toBeGreaterThan(night.allocRateBytesPerSecond * 2);
    expect(day.gcCyclesPerSecond).toBeGreaterThan(night.gcCyclesPerSecond);
    expect(day.cpuUsageCores).toBeGreaterThan(night.cpuUsageCores);
    expect(day.goroutines).toBeGreaterThan(night.goroutines);
  });

  it("shows a forced GOMEMLIMIT in the sample", () => {
    const workload = fleet.workloads[0]!;
    const sample = simulateGcSample(
      workload,
      workload.baseConfig,
      { ...none, memoryLimitOverrideBytes: 123 << 20 },
      tMs,
    );
    expect(sample.memoryLimitBytes).toBe(123 << 20);
  });
});

describe("heapWanderFactorAt", () => {
  it("drifts slowly within ±11%", () => {
    const workload = fleet.workloads[3]!;
    const values = Array.from({ length: 200 }, (_, i) => heapWanderFactorAt(workload, tMs + i * 600_000));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0.89);
    expect(Math.max(...values)).toBeLessThanOrEqual(1.11);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.02);
  });
});
