import { describe, expect, it } from "vitest";
import { gateChartInstanceIds, gateChartLines, gateChartRange } from "./gate-chart.ts";
import type { GateComparison } from "./rollout-view.ts";

const unchanged: GateComparison = {
  canaryIds: ["c1", "c2", "c3"],
  baselineIds: ["b1", "b2"],
  baselineKind: "unchanged-instances",
  windowStartMs: 1000,
  windowEndMs: 3000,
  baselineWindowStartMs: 1000,
  baselineWindowEndMs: 3000,
};

describe("a gate's chart", () => {
  it("asks for at most twelve instances, both sides represented", () => {
    const many = {
      ...unchanged,
      canaryIds: Array.from({ length: 20 }, (_, i) => `c${i}`),
      baselineIds: Array.from({ length: 30 }, (_, i) => `b${i}`),
    };
    const ids = gateChartInstanceIds(many);
    expect(ids).toHaveLength(12);
    expect(ids.filter((id) => id.startsWith("c"))).toHaveLength(6);
    expect(ids).toContain("c0");
    expect(ids).toContain("b25");
    expect(gateChartInstanceIds(unchanged)).toEqual(["c1", "c2", "c3", "b1", "b2"]);
  });

  it("draws the median of each side, gaps where no instance has a value", () => {
    const lines = gateChartLines(
      {
        timestampsMs: [1000, 2000, 3000],
        lines: [
          { key: "c1", values: [1, 2, null] },
          { key: "c2", values: [3, 4, null] },
          { key: "c3", values: [5, 9, null] },
          { key: "b1", values: [1, 1, 1] },
          { key: "b2", values: [2, Number.NaN, 3] },
        ],
      },
      unchanged,
    );
    expect(lines.lines).toEqual([
      { key: "canary", values: [3, 4, null] },
      { key: "baseline", values: [1.5, 1, 2] },
    ]);
  });

  it("shows a before-change baseline before the change and the canary after it", () => {
    const before: GateComparison = {
      ...unchanged,
      baselineIds: unchanged.canaryIds,
      baselineKind: "before-change",
      windowStartMs: 5000,
      windowEndMs: 7000,
      baselineWindowStartMs: 1000,
      baselineWindowEndMs: 3000,
    };
    expect(gateChartRange(before)).toEqual({ startMs: 1000, endMs: 7000 });
    const lines = gateChartLines(
      {
        timestampsMs: [1000, 4000, 6000],
        lines: [
          { key: "c1", values: [1, 1, 2] },
          { key: "c2", values: [1, 1, 2] },
          { key: "c3", values: [1, 1, 2] },
        ],
      },
      before,
    );
    expect(lines.lines).toEqual([
      { key: "canary", values: [null, null, 2] },
      { key: "baseline", values: [1, null, null] },
    ]);
  });
});
