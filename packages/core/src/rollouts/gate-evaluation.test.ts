import { describe, expect, it } from "vitest";
import type { GateSpec } from "../changes/change-request.ts";
import { evaluateGates, type MetricWindow, overallGateVerdict } from "./gate-evaluation.ts";
import { formatGateValue } from "./gate-metrics.ts";

const pauseGate: GateSpec = { metric: "gcPauseP99", maxIncrease: 0.2, noiseFloor: 0.0001 };

/** Every instance reports `value` at each of `points` scrapes. */
function steady(metric: keyof MetricWindow, values: Record<string, number>, points = 4): MetricWindow {
  return {
    [metric]: Object.fromEntries(Object.entries(values).map(([id, value]) => [id, Array(points).fill(value)])),
  };
}

describe("evaluateGates", () => {
  it("fails a canary whose pause p99 rose more than allowed, and says by how much", () => {
    const { verdict, results } = evaluateGates(
      [pauseGate],
      steady("gcPauseP99", { c1: 0.00162 }),
      steady("gcPauseP99", { b1: 0.0012, b2: 0.0012, b3: 0.0012 }),
    );
    expect(verdict).toBe("fail");
    expect(results[0]).toMatchObject({ verdict: "fail", canary: 0.00162, baseline: 0.0012, canaryPoints: 4 });
    expect(results[0]!.threshold).toBeCloseTo(0.00024);
    expect(results[0]!.message).toBe("GC pause p99 rose 35 % (1.2 ms → 1.62 ms), over the 20 % allowed");
  });

  it("passes a rise within the allowance, and a fall", () => {
    const baseline = steady("gcPauseP99", { b1: 0.001 });
    const within = evaluateGates([pauseGate], steady("gcPauseP99", { c1: 0.00115 }), baseline);
    expect(within.verdict).toBe("pass");
    expect(within.results[0]!.message).toBe("GC pause p99 rose 15 % (1 ms → 1.15 ms), within the 20 % allowed");
    const fell = evaluateGates([pauseGate], steady("gcPauseP99", { c1: 0.0005 }), baseline);
    expect(fell.results[0]!.message).toMatch(/^GC pause p99 fell 50 %/);
    expect(fell.verdict).toBe("pass");
  });

  it("treats a rise under the noise floor as noise", () => {
    const gate: GateSpec = { metric: "gcCpuFraction", maxIncrease: 0.2, noiseFloor: 0.01 };
    const result = evaluateGates([gate], steady("gcCpuFraction", { c1: 0.008 }), steady("gcCpuFraction", { b: 0.002 }));
    expect(result.verdict).toBe("pass");
    expect(result.results[0]!.message).toBe("GC CPU rose 300 % (0.2 % → 0.8 %), within the 1 % noise floor");
    const over = evaluateGates([gate], steady("gcCpuFraction", { c1: 0.02 }), steady("gcCpuFraction", { b: 0.002 }));
    expect(over.verdict).toBe("fail");
  });

  it("uses the median of per-instance means, so one noisy baseline instance does not decide", () => {
    const baseline: MetricWindow = {
      gcPauseP99: { b1: [0.001, 0.001, 0.001], b2: [0.001, Number.NaN, 0.001], b3: [0.5, 0.5, 0.5] },
    };
    const { results } = evaluateGates([pauseGate], steady("gcPauseP99", { c1: 0.002 }), baseline);
    expect(results[0]).toMatchObject({ verdict: "fail", baseline: 0.001, baselinePoints: 8 });
  });

  it("is inconclusive, never a pass, without finite data, with too few points, or without a baseline", () => {
    const fine = steady("gcPauseP99", { b1: 0.001 });
    const cases: [MetricWindow, MetricWindow, string][] = [
      [{}, {}, "GC pause p99: the metric source does not have it"],
      [{ gcPauseP99: { c1: [Number.NaN, Number.NaN] } }, fine, "no finite data from the canary instances"],
      [{ gcPauseP99: { c1: [] } }, fine, "no finite data from the canary instances"],
      [fine, { gcPauseP99: { b1: [Number.NaN] } }, "no finite data from the baseline"],
      [fine, {}, "no baseline instances"],
      [fine, { gcPauseP99: {} }, "no baseline instances"],
      [{ gcPauseP99: {} }, fine, "no canary instances"],
      [
        { gcPauseP99: { c1: [0.001, 0.001] } },
        fine,
        "too few points (canary 2, baseline 4); at least 3 each are needed",
      ],
    ];
    for (const [canary, baseline, message] of cases) {
      const evaluation = evaluateGates([pauseGate], canary, baseline);
      expect(evaluation.verdict).toBe("inconclusive");
      expect(evaluation.results[0]!.message).toContain(message);
      expect(evaluation.results[0]!.threshold).toBeNull();
    }
  });

  it("compares a 100 % stage with the same instances before the change the same way", () => {
    const before = steady("heapToLimit", { i1: 0.5, i2: 0.52, i3: 0.51 });
    const after = steady("heapToLimit", { i1: 0.7, i2: 0.71, i3: 0.69 });
    const gate: GateSpec = { metric: "heapToLimit", maxIncrease: 0.1, noiseFloor: 0.02 };
    expect(evaluateGates([gate], after, before).results[0]).toMatchObject({
      verdict: "fail",
      baseline: 0.51,
      canary: 0.7,
    });
  });

  it("fails overall if any gate fails, else is inconclusive if any is, else passes", () => {
    expect(overallGateVerdict([{ verdict: "pass" }, { verdict: "inconclusive" }, { verdict: "fail" }])).toBe("fail");
    expect(overallGateVerdict([{ verdict: "pass" }, { verdict: "inconclusive" }])).toBe("inconclusive");
    expect(overallGateVerdict([{ verdict: "pass" }])).toBe("pass");
    expect(evaluateGates([], {}, {}).verdict).toBe("pass");
  });

  it("says so when the baseline was zero", () => {
    const gate: GateSpec = { metric: "errorRatio", maxIncrease: 0.5, noiseFloor: 0.001 };
    const { results } = evaluateGates([gate], steady("errorRatio", { c: 0.01 }), steady("errorRatio", { b: 0 }));
    expect(results[0]!.message).toBe("Error ratio rose from zero (0 % → 1 %), over the 0.1 % noise floor");
  });
});

describe("formatGateValue", () => {
  it("shows durations in µs, ms or s and ratios in percent", () => {
    expect(formatGateValue("gcPauseP99", 0.000_25)).toBe("250 µs");
    expect(formatGateValue("latencyP99", 0.0123)).toBe("12.3 ms");
    expect(formatGateValue("latencyP99", 2.5)).toBe("2.5 s");
    expect(formatGateValue("heapToLimit", 0.8512)).toBe("85.1 %");
  });
});
