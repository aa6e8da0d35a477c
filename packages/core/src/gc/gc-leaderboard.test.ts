import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ObservedGcSample } from "../model/gc-sample.ts";
import { sampleFor, tinyInventory } from "../overview/test-fixtures.ts";
import { buildGcLeaderboard, type GcLeaderboardRow } from "./gc-leaderboard.ts";

const MiB = 1024 * 1024;

function samplesOf(list: ObservedGcSample[]) {
  return new Map(list.map((s) => [s.instanceId, s]));
}

const samples = samplesOf([
  sampleFor("checkout-1", {
    gcCpuCores: 0.5,
    gcCyclesPerSecond: 2,
    pause: { ...sampleFor("x").pause, p99Seconds: 0.004 },
  }),
  sampleFor("checkout-2", { gcCpuCores: 0.3, gcCyclesPerSecond: 4, rssBytes: 900 * MiB }),
  sampleFor("search-1", { gcCpuCores: 0.1, goroutines: 9_000 }),
  sampleFor("search-2", { gcCpuCores: 0.05 }),
]);

const byId = (rows: GcLeaderboardRow[]) => Object.fromEntries(rows.map((r) => [r.id, r]));

describe("buildGcLeaderboard", () => {
  it("sums cores, takes the slowest pause and the tightest headroom, and averages cycles per service", () => {
    const { rows, total } = buildGcLeaderboard(tinyInventory(), samples, { level: "service" });
    expect(total).toBe(2);
    expect(rows.map((r) => r.id)).toEqual(["checkout", "search"]);
    const checkout = byId(rows).checkout as GcLeaderboardRow;
    expect(checkout.gcCpuCores).toBeCloseTo(0.8);
    expect(checkout.pauseP99Seconds).toBe(0.004);
    expect(checkout.gcCyclesPerSecond).toBe(3);
    expect(checkout.memoryLimitBytes).toBe(2048 * MiB);
    // checkout-2: 900 MiB RSS of a 1 GiB limit.
    expect(checkout.memoryHeadroomRatio).toBeCloseTo(1 - 900 / 1024);
    expect(checkout.serviceName).toBe("checkout");
  });

  it("says a group's limit is unknown when any instance runs without one", () => {
    const search = byId(buildGcLeaderboard(tinyInventory(), samples, { level: "service" }).rows).search;
    expect(search?.memoryLimitBytes).toBeNull();
    expect(search?.goroutines).toBe(9_500);
  });

  it("groups by region and cluster, and lists instances with their place", () => {
    const regions = buildGcLeaderboard(tinyInventory(), samples, { level: "region", sort: "gcCpuCores" }).rows;
    expect(regions.map((r) => [r.id, r.name, r.instances])).toEqual([
      ["eu-west", "EU West", 2],
      ["us-east", "US East", 2],
    ]);
    const clusters = buildGcLeaderboard(tinyInventory(), samples, { level: "cluster" }).rows;
    expect(clusters.map((r) => r.clusterId)).toEqual(["eu-west-k8s", "us-east-k8s"]);
    const instances = buildGcLeaderboard(tinyInventory(), samples, { level: "instance", regionId: "us-east" }).rows;
    expect(instances.map((r) => [r.id, r.serviceId, r.clusterId])).toEqual([
      ["checkout-2", "checkout", "us-east-k8s"],
      ["search-2", "search", "us-east-k8s"],
    ]);
  });

  it("sorts either way with rows lacking the number last, searches names, and pages", () => {
    const partial = samplesOf([
      { ...sampleFor("checkout-1"), pause: { ...sampleFor("x").pause, p99Seconds: null } },
      sampleFor("checkout-2", { pause: { ...sampleFor("x").pause, p99Seconds: 0.002 } }),
      sampleFor("search-1", { pause: { ...sampleFor("x").pause, p99Seconds: 0.001 } }),
    ]);
    const asc = buildGcLeaderboard(tinyInventory(), partial, {
      level: "instance",
      sort: "pauseP99Seconds",
      direction: "asc",
    }).rows;
    expect(asc.map((r) => r.id)).toEqual(["search-1", "checkout-2", "checkout-1", "search-2"]);
    const desc = buildGcLeaderboard(tinyInventory(), partial, { level: "instance", sort: "pauseP99Seconds" }).rows;
    expect(desc.map((r) => r.id)).toEqual(["checkout-2", "search-1", "checkout-1", "search-2"]);
    expect(desc.find((r) => r.id === "search-2")?.instancesWithData).toBe(0);

    const found = buildGcLeaderboard(tinyInventory(), samples, { level: "instance", search: "SEARCH" });
    expect(found.total).toBe(2);
    const page = buildGcLeaderboard(tinyInventory(), samples, { level: "instance", offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.id)).toEqual(["checkout-2", "search-1"]);
  });

  it("refuses a query it cannot answer, naming the field", () => {
    expect(() => buildGcLeaderboard(tinyInventory(), samples, { level: "zone" as never })).toThrow(/level/);
    expect(() => buildGcLeaderboard(tinyInventory(), samples, { level: "service", limit: 0 })).toThrow(/limit/);
  });

  it("adds every instance's cores exactly once, whatever the level", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 64, noNaN: true }), { minLength: 4, maxLength: 4 }), (cores) => {
        const ids = ["checkout-1", "checkout-2", "search-1", "search-2"];
        const map = samplesOf(ids.map((id, i) => sampleFor(id, { gcCpuCores: cores[i] as number })));
        const expected = cores.reduce((a, b) => a + b, 0);
        for (const level of ["region", "cluster", "service", "instance"] as const) {
          const sum = buildGcLeaderboard(tinyInventory(), map, { level }).rows.reduce(
            (acc, r) => acc + (r.gcCpuCores ?? 0),
            0,
          );
          expect(sum).toBeCloseTo(expected, 6);
        }
      }),
    );
  });
});
