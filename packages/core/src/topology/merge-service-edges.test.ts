import { describe, expect, it } from "vitest";
import type { ServiceEdge } from "../model/inventory.ts";
import { isCrossRegionCall, mergeServiceEdges } from "./merge-service-edges.ts";

const call = (from: string, to: string, fields: Partial<ServiceEdge>): ServiceEdge => ({
  fromServiceId: from,
  toServiceId: to,
  rps: 0,
  errorRatio: 0,
  p99LatencyMs: 0,
  ...fields,
});

describe("mergeServiceEdges", () => {
  it("gives one row per service pair, sorted, with region ids dropped", () => {
    const merged = mergeServiceEdges([
      call("b", "c", { fromRegionId: "eu", toRegionId: "eu", rps: 10, errorRatio: 0.1, p99LatencyMs: 20 }),
      call("a", "b", { fromRegionId: "eu", toRegionId: "eu", rps: 1 }),
      call("b", "c", { fromRegionId: "us", toRegionId: "eu", rps: 30, errorRatio: 0.5, p99LatencyMs: 90 }),
    ]);
    expect(merged).toEqual([
      { fromServiceId: "a", toServiceId: "b", rps: 1, errorRatio: 0, p99LatencyMs: 0 },
      { fromServiceId: "b", toServiceId: "c", rps: 40, errorRatio: (1 + 15) / 40, p99LatencyMs: 90 },
    ]);
  });

  it("averages the error ratios of calls with no traffic at all rather than dividing by zero", () => {
    const [edge] = mergeServiceEdges([call("a", "b", { errorRatio: 0.2 }), call("a", "b", { errorRatio: 0.4 })]);
    expect(edge?.errorRatio).toBeCloseTo(0.3, 12);
  });
});

describe("isCrossRegionCall", () => {
  it("is true only when both regions are known and differ", () => {
    expect(isCrossRegionCall({ fromRegionId: "eu", toRegionId: "us" })).toBe(true);
    expect(isCrossRegionCall({ fromRegionId: "eu", toRegionId: "eu" })).toBe(false);
    expect(isCrossRegionCall({ fromRegionId: "eu" })).toBe(false);
    expect(isCrossRegionCall({})).toBe(false);
  });
});
