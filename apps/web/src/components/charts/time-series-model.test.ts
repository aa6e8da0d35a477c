import { describe, expect, it } from "vitest";
import { chartRowsOf, hasValues, latestValues, markersToDraw } from "./time-series-model.ts";

const panel = {
  timestampsMs: [1_000, 2_000, 3_000],
  lines: [
    { key: "pauseP99Seconds", values: [0.001, null, 0.003] },
    { key: "checkout-1.eu-west", values: [5, 6, null] },
  ],
};

describe("a panel as chart rows", () => {
  it("gives one row per timestamp, each line under its own index, gaps kept as null", () => {
    expect(chartRowsOf(panel)).toEqual([
      { t: 1_000, s0: 0.001, s1: 5 },
      { t: 2_000, s0: null, s1: 6 },
      { t: 3_000, s0: 0.003, s1: null },
    ]);
  });

  it("reads each line's newest value, skipping trailing gaps", () => {
    expect(latestValues(panel)).toEqual([
      { key: "pauseP99Seconds", value: 0.003, atMs: 3_000 },
      { key: "checkout-1.eu-west", value: 6, atMs: 2_000 },
    ]);
    expect(latestValues({ timestampsMs: [1], lines: [{ key: "x", values: [null] }] })).toEqual([
      { key: "x", value: null, atMs: null },
    ]);
  });

  it("knows when there is nothing to draw", () => {
    expect(hasValues(panel)).toBe(true);
    expect(hasValues({ timestampsMs: [1, 2], lines: [{ key: "x", values: [null, null] }] })).toBe(false);
    expect(hasValues({ timestampsMs: [], lines: [] })).toBe(false);
  });
});

describe("markers to draw", () => {
  const gogc = { atMs: 2_000, label: "GOGC 100 → 200", shortLabel: "GOGC → 200" };
  const limit = { atMs: 2_000, label: "GOMEMLIMIT none → 1.0 GiB", shortLabel: "GOMEMLIMIT → 1.0 GiB" };
  const later = { atMs: 2_500, label: "GOMAXPROCS 4 → 8", shortLabel: "GOMAXPROCS → 8" };

  it("joins changes at the same instant into one line, so their labels do not overlap", () => {
    expect(markersToDraw([later, gogc, limit], 1_000, 3_000)).toEqual([
      {
        atMs: 2_000,
        label: "GOGC 100 → 200; GOMEMLIMIT none → 1.0 GiB",
        shortLabel: "GOGC → 200, GOMEMLIMIT → 1.0 GiB",
      },
      later,
    ]);
  });

  it("leaves out changes outside the charted range", () => {
    expect(markersToDraw([gogc, later], 2_100, 3_000)).toEqual([later]);
  });
});
