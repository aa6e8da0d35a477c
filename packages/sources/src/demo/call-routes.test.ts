import { describe, expect, it } from "vitest";
import { hoursApart, planCallRoutes } from "./call-routes.ts";
import type { ServiceCall } from "./generated-fleet.ts";

// Dublin, Virginia, Singapore, Frankfurt.
const regions = [{ utcOffsetHours: 0 }, { utcOffsetHours: -5 }, { utcOffsetHours: 8 }, { utcOffsetHours: 1 }];

function call(fromServiceIndex: number, toServiceIndex: number, crossRegionShare = 0): ServiceCall {
  return {
    fromServiceIndex,
    toServiceIndex,
    callsPerRequest: 1,
    p99LatencyMs: 10,
    baseErrorRatio: 0.001,
    crossRegionShare,
    noiseKey: 1,
  };
}

describe("planCallRoutes", () => {
  it("keeps calls in the caller's region when the callee runs there", () => {
    const [routes] = planCallRoutes(
      [call(0, 1)],
      [
        [0, 1, 2],
        [0, 1, 2],
      ],
      regions,
    );
    expect(routes).toEqual([
      { fromRegionIndex: 0, toRegionIndex: 0, share: 1 },
      { fromRegionIndex: 1, toRegionIndex: 1, share: 1 },
      { fromRegionIndex: 2, toRegionIndex: 2, share: 1 },
    ]);
  });

  it("sends calls to the nearest region the callee runs in when it is not local", () => {
    // The callee runs in Virginia and Frankfurt: Dublin is an hour from Frankfurt, Singapore seven.
    const [routes] = planCallRoutes(
      [call(0, 1)],
      [
        [0, 2],
        [1, 3],
      ],
      regions,
    );
    expect(routes).toEqual([
      { fromRegionIndex: 0, toRegionIndex: 3, share: 1 },
      { fromRegionIndex: 2, toRegionIndex: 3, share: 1 },
    ]);
  });

  it("sends a consensus group's share to its home region from every other region, even with a local member", () => {
    const [routes] = planCallRoutes(
      [call(0, 1, 0.1)],
      [
        [0, 1],
        [0, 1],
      ],
      regions,
    );
    expect(routes).toEqual([
      { fromRegionIndex: 0, toRegionIndex: 0, share: 1 },
      { fromRegionIndex: 1, toRegionIndex: 1, share: 0.9 },
      { fromRegionIndex: 1, toRegionIndex: 0, share: 0.1 },
    ]);
  });

  it("gives each caller region shares that sum to 1", () => {
    const serviceRegions = [[0, 1, 2, 3], [1], [2, 3]];
    const calls = [call(0, 1), call(0, 2, 0.05), call(2, 1, 0.2)];
    for (const routes of planCallRoutes(calls, serviceRegions, regions)) {
      const byRegion = new Map<number, number>();
      for (const route of routes)
        byRegion.set(route.fromRegionIndex, (byRegion.get(route.fromRegionIndex) ?? 0) + route.share);
      for (const total of byRegion.values()) expect(total).toBeCloseTo(1, 12);
    }
  });

  it("routes nothing to a callee without instances", () => {
    expect(planCallRoutes([call(0, 1)], [[0], []], regions)).toEqual([[]]);
  });
});

describe("hoursApart", () => {
  it("goes the short way round the globe", () => {
    expect(hoursApart(-8, 9)).toBe(7);
    expect(hoursApart(0, -5)).toBe(5);
    expect(hoursApart(5.5, 5.5)).toBe(0);
  });
});
