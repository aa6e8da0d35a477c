import { describe, expect, it } from "vitest";
import { maxValueOf, valueAxis } from "./value-axis.ts";

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe("a value axis", () => {
  it("steps bytes in round binary units", () => {
    expect(valueAxis(324 * MiB, "bytes")).toEqual({
      top: 400 * MiB,
      ticks: [0, 100, 200, 300, 400].map((n) => n * MiB),
    });
    expect(valueAxis(9.3 * GiB, "bytes").ticks).toEqual([0, 2.5, 5, 7.5, 10].map((n) => n * GiB));
  });

  it("steps ratios, pauses and cores in 1, 2, 2.5 or 5 times a power of ten", () => {
    const ratio = valueAxis(0.018, "ratio");
    expect(ratio.top).toBeCloseTo(0.02, 12);
    expect(ratio.ticks.map((t) => Number(t.toFixed(6)))).toEqual([0, 0.005, 0.01, 0.015, 0.02]);
    expect(valueAxis(351e-6, "seconds").ticks.map((t) => Number(t.toFixed(9)))).toEqual([
      0, 0.0001, 0.0002, 0.0003, 0.0004,
    ]);
  });

  it("steps counts by whole numbers and keeps a flat zero line readable", () => {
    expect(valueAxis(3, "count")).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(valueAxis(140, "count")).toEqual({ top: 150, ticks: [0, 50, 100, 150] });
    expect(valueAxis(0, "cores")).toEqual({ top: 1, ticks: [0, 0.25, 0.5, 0.75, 1] });
  });

  it("reaches the highest value or limit line", () => {
    expect(maxValueOf([{ values: [1, null, 7] }, { values: [3] }])).toBe(7);
    expect(maxValueOf([{ values: [1, null, 7] }], 512)).toBe(512);
    expect(maxValueOf([{ values: [null] }])).toBe(0);
  });
});
