import { describe, expect, it } from "vitest";
import { maxSeriesPoints, seriesTimestamps } from "./series-timestamps.ts";

describe("seriesTimestamps", () => {
  it("returns every multiple of the step inside the range, both ends included", () => {
    expect(seriesTimestamps({ startMs: 60_000, endMs: 240_000, stepMs: 60_000 })).toEqual([
      60_000, 120_000, 180_000, 240_000,
    ]);
    expect(seriesTimestamps({ startMs: 61_000, endMs: 239_000, stepMs: 60_000 })).toEqual([120_000, 180_000]);
    expect(seriesTimestamps({ startMs: 61_000, endMs: 62_000, stepMs: 60_000 })).toEqual([]);
    expect(seriesTimestamps({ startMs: 60_000, endMs: 60_000, stepMs: 60_000 })).toEqual([60_000]);
  });

  it("aligns two queries with the same step point for point", () => {
    const a = seriesTimestamps({ startMs: 1_000_123, endMs: 5_000_000, stepMs: 15_000 });
    const b = seriesTimestamps({ startMs: 2_000_999, endMs: 6_000_000, stepMs: 15_000 });
    const shared = a.filter((t) => b.includes(t));
    expect(shared.length).toBeGreaterThan(100);
    for (const t of [...a, ...b]) expect(t % 15_000).toBe(0);
  });

  it("allows exactly the limit and rejects one point more, naming the limit", () => {
    const stepMs = 1_000;
    expect(seriesTimestamps({ startMs: 0, endMs: (maxSeriesPoints - 1) * stepMs, stepMs })).toHaveLength(
      maxSeriesPoints,
    );
    expect(() => seriesTimestamps({ startMs: 0, endMs: maxSeriesPoints * stepMs, stepMs })).toThrow(/limit of 11000/);
  });

  it("rejects steps under a second, reversed ranges and non-finite numbers", () => {
    expect(() => seriesTimestamps({ startMs: 0, endMs: 10_000, stepMs: 999 })).toThrow(/at least 1000 ms/);
    expect(() => seriesTimestamps({ startMs: 10_000, endMs: 0, stepMs: 1_000 })).toThrow(/before it starts/);
    expect(() => seriesTimestamps({ startMs: 0, endMs: Number.NaN, stepMs: 1_000 })).toThrow(/finite/);
  });
});
