import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ObservedGcSample } from "../model/gc-sample.ts";
import { summarizeFleet } from "./fleet-overview.ts";
import { sampleFor, tinyInventory } from "./test-fixtures.ts";

const MiB = 1024 * 1024;

describe("summarizeFleet", () => {
  const inventory = tinyInventory();
  const samples = new Map(
    [
      sampleFor("checkout-1", {
        gcCpuCores: 1.5,
        gcCpuFraction: 0.375,
        pause: { ...sampleFor("x").pause, p99Seconds: 0.02 },
      }),
      sampleFor("checkout-2", { gcCpuCores: 0.5, gcCpuFraction: 0.125 }),
      sampleFor("search-1", { gcCpuCores: 0.1, rssBytes: 480 * MiB }),
    ].map((s) => [s.instanceId, s]),
  );
  const overview = summarizeFleet(inventory, samples, { atMs: 1_000 });

  it("counts the fleet and its health, including instances without data", () => {
    expect(overview.totals).toEqual({
      regions: 2,
      clusters: 2,
      services: 2,
      instances: 4,
      healthyInstances: 1,
      unhealthyInstances: 2,
      instancesWithoutData: 1,
      gcCpuCores: 2.1,
    });
  });

  it("ranks services by cores spent on GC", () => {
    expect(overview.topGcCpuServices.map((s) => [s.serviceId, s.gcCpuCores, s.instances])).toEqual([
      ["checkout", 2, 2],
      ["search", 0.1, 1],
    ]);
    expect(overview.topGcCpuServices[0]?.meanGcCpuFraction).toBeCloseTo(0.25);
  });

  it("lists the worst pause first and the least headroom first", () => {
    expect(overview.worstPauseInstances[0]).toMatchObject({ instanceId: "checkout-1", pauseP99Seconds: 0.02 });
    expect(overview.leastHeadroomInstances[0]).toMatchObject({ instanceId: "search-1", limitBytes: 512 * MiB });
    expect(overview.leastHeadroomInstances[0]?.headroomRatio).toBeCloseTo(1 - 480 / 512);
    // search-2 has no memory limit of any kind: no headroom row.
    expect(overview.leastHeadroomInstances.map((h) => h.instanceId)).not.toContain("search-2");
  });

  it("summarises each region", () => {
    const eu = overview.regions.find((r) => r.regionId === "eu-west");
    expect(eu).toMatchObject({ clusters: 1, instances: 2, unhealthyInstances: 2, worstPauseP99Seconds: 0.02 });
    expect(eu?.gcCpuCores).toBeCloseTo(1.6);
  });

  it("keeps only the top n rows, in order", () => {
    const many = new Map([...samples].map(([id, s], i) => [id, { ...s, pause: { ...s.pause, p99Seconds: i } }]));
    const top2 = summarizeFleet(inventory, many, { atMs: 0, top: 2 });
    expect(top2.worstPauseInstances.map((p) => p.pauseP99Seconds)).toEqual([2, 1]);
  });
});

describe("leaderboards", () => {
  it("equal a full sort of every instance, for any pauses and any board size", () => {
    const base = tinyInventory();
    const template = base.instances[0];
    if (!template) throw new Error("fixture has no instances");
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 0, max: 12 }),
        (p99s, top) => {
          const instances = p99s.map((_, i) => ({ ...template, id: `i-${i}` }));
          const samples = new Map(
            p99s.map((p99, i) => [
              `i-${i}`,
              sampleFor(`i-${i}`, { pause: { ...sampleFor("x").pause, p99Seconds: p99 } }),
            ]),
          );
          const overview = summarizeFleet({ ...base, instances }, samples, { atMs: 0, top });
          const expected = [...p99s].sort((a, b) => b - a).slice(0, top);
          expect(overview.worstPauseInstances.map((p) => p.pauseP99Seconds)).toEqual(expected);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe("summarizeFleet with samples from a metrics backend", () => {
  const inventory = tinyInventory();
  const observed = (instanceId: string, overrides: Partial<ObservedGcSample>): ObservedGcSample => ({
    ...sampleFor(instanceId),
    ...overrides,
  });
  const unknownPause = { ...sampleFor("x").pause, p99Seconds: null };
  const samples = new Map<string, ObservedGcSample>(
    [
      observed("checkout-1", { gcCpuCores: null, gcCpuFraction: null, pause: unknownPause, rssBytes: null }),
      observed("checkout-2", { gcCpuCores: 0.5, gcCpuFraction: 0.125 }),
      observed("search-1", { gcCpuCores: 0.1, gcCpuFraction: null }),
    ].map((s) => [s.instanceId, s]),
  );
  const overview = summarizeFleet(inventory, samples, { atMs: 1_000 });

  it("leaves unknown GC CPU out of the sums instead of adding 0", () => {
    expect(overview.totals.gcCpuCores).toBeCloseTo(0.6);
    const checkout = overview.topGcCpuServices.find((s) => s.serviceId === "checkout");
    expect(checkout).toMatchObject({ instances: 2, gcCpuCores: 0.5, meanGcCpuFraction: 0.125 });
  });

  it("gives no mean GC CPU fraction for a service where none is known", () => {
    expect(overview.topGcCpuServices.find((s) => s.serviceId === "search")?.meanGcCpuFraction).toBeNull();
  });

  it("keeps an instance without a pause p99 or RSS off those leaderboards", () => {
    expect(overview.worstPauseInstances.map((row) => row.instanceId)).not.toContain("checkout-1");
    expect(overview.leastHeadroomInstances.map((row) => row.instanceId)).not.toContain("checkout-1");
    expect(overview.worstPauseInstances).toHaveLength(2);
  });

  it("counts an instance with unknown metrics as healthy, since nothing measured breaches a threshold", () => {
    expect(overview.totals).toMatchObject({ healthyInstances: 3, unhealthyInstances: 0, instancesWithoutData: 1 });
  });
});
