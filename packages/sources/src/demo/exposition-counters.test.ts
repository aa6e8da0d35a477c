import type { GcSample } from "@fleetdeck/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TimeRange } from "../fleet-source.ts";
import { createDemoFleet } from "./demo-fleet.ts";
import { counterRates, DemoCounterIntegrator, meanPauseSeconds, pauseShareAtMost } from "./exposition-counters.ts";

const startMs = Date.UTC(2024, 5, 3, 9);
const fleet = createDemoFleet({ seed: 42 });
const instanceId = (await fleet.inventory()).instances[3]?.id as string;

function integrator(readSeries = (id: string, range: TimeRange) => fleet.gcSeries(id, range), stepMs = 1_000) {
  return new DemoCounterIntegrator(startMs, stepMs, readSeries);
}

describe("DemoCounterIntegrator", () => {
  it("starts every counter at zero at process start", async () => {
    const counters = await integrator().countersAt(instanceId, startMs);
    expect(counters.gcCycles).toBe(0);
    expect(counters.allocatedBytes).toBe(0);
    expect(counters.pauseBucketCounts.every((count) => count === 0)).toBe(true);
  });

  it("grows at the model's rate: over a minute the counter's slope is the model's average", async () => {
    const at = (tMs: number) => integrator().countersAt(instanceId, tMs);
    const [from, to] = [await at(startMs + 600_000), await at(startMs + 660_000)];
    const rates = await fleet.gcSeries(instanceId, {
      startMs: startMs + 600_000,
      endMs: startMs + 659_000,
      stepMs: 1_000,
    });
    const mean = (read: (s: GcSample) => number) => rates.reduce((sum, s) => sum + read(s), 0) / rates.length;
    expect((to.gcCycles - from.gcCycles) / 60).toBeCloseTo(
      mean((s) => s.gcCyclesPerSecond),
      9,
    );
    expect((to.allocatedBytes - from.allocatedBytes) / 60).toBeCloseTo(
      mean((s) => s.allocRateBytesPerSecond),
      3,
    );
    expect((to.cpuSeconds - from.cpuSeconds) / 60).toBeCloseTo(
      mean((s) => s.cpuUsageCores),
      9,
    );
    expect((to.totalCpuSeconds - from.totalCpuSeconds) / 60).toBeCloseTo(
      mean((s) => s.gomaxprocs),
      9,
    );
  });

  it("is monotonic and reads the same at an instant whatever the scrape times before it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 300_000 }), { minLength: 2, maxLength: 12 }),
        async (offsets) => {
          const times = [...offsets].sort((a, b) => a - b).map((offset) => startMs + offset);
          const scraped = integrator();
          let previous = -1;
          for (const tMs of times) {
            const counters = await scraped.countersAt(instanceId, tMs);
            expect(counters.gcCycles).toBeGreaterThanOrEqual(previous);
            previous = counters.gcCycles;
            for (let index = 1; index < counters.pauseBucketCounts.length; index++) {
              expect(counters.pauseBucketCounts[index]).toBeGreaterThanOrEqual(
                counters.pauseBucketCounts[index - 1] as number,
              );
            }
          }
          const last = times[times.length - 1] as number;
          const fresh = await integrator().countersAt(instanceId, last);
          expect(fresh.allocatedBytes).toBeCloseTo((await scraped.countersAt(instanceId, last)).allocatedBytes, 0);
        },
      ),
      { seed: 20240603, numRuns: 25 },
    );
  });

  it("integrates only the cells since the last scrape", async () => {
    const requested: TimeRange[] = [];
    const counting = integrator((id, range) => {
      requested.push(range);
      return fleet.gcSeries(id, range);
    });
    await counting.countersAt(instanceId, startMs + 10_500);
    await counting.countersAt(instanceId, startMs + 15_200);
    expect(requested.at(-1)).toEqual({ startMs: startMs + 11_000, endMs: startMs + 15_000, stepMs: 1_000 });
  });

  it("rejects a step finer than the model's resolution", () => {
    expect(() => integrator(undefined, 100)).toThrow("at least 1000 ms");
  });
});

describe("pause distribution from quantiles", () => {
  const pause = { minSeconds: 1, p25Seconds: 2, p50Seconds: 3, p75Seconds: 4, p99Seconds: 8, maxSeconds: 10 };

  it("averages the quantile function", () => {
    // Trapezoids: 0.25·1.5 + 0.25·2.5 + 0.25·3.5 + 0.24·6 + 0.01·9
    expect(meanPauseSeconds(pause)).toBeCloseTo(3.405, 12);
  });

  it("inverts it for histogram buckets", () => {
    expect(pauseShareAtMost(pause, 0.5)).toBe(0);
    expect(pauseShareAtMost(pause, 2.5)).toBeCloseTo(0.375, 12);
    expect(pauseShareAtMost(pause, 6)).toBeCloseTo(0.87, 12);
    expect(pauseShareAtMost(pause, 10)).toBe(1);
  });

  it("counts pauses per second into the buckets in order", () => {
    const sample = {
      gcCyclesPerSecond: 2,
      pause,
      allocRateBytesPerSecond: 0,
      cpuUsageCores: 0,
      gcCpuCores: 0,
      gomaxprocs: 1,
    };
    const rates = counterRates(sample as GcSample);
    expect(rates[0]).toBe(2);
    expect(rates[1]).toBeCloseTo(2 * 3.405, 12);
    expect(rates.at(-1)).toBe(2 * pauseShareAtMost(pause, 1));
  });
});
