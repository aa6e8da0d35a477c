import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lttbIndices } from "./lttb.ts";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("lttbIndices", () => {
  it("keeps every point when there are no more than asked for", () => {
    expect(lttbIndices([0, 1, 2], [5, 6, 7], 3)).toEqual([0, 1, 2]);
  });

  it("keeps the first and last point and a spike that averaging would flatten", () => {
    const xs = range(10_000);
    const ys = xs.map((i) => (i === 6_123 ? 500 : 1 + Math.sin(i / 300)));
    const kept = lttbIndices(xs, ys, 200);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(9_999);
    expect(kept).toContain(6_123);
    expect(kept.length).toBeLessThanOrEqual(200);
  });

  it("picks the point of each bucket farthest from the line through its neighbours", () => {
    // Four points kept from a zig-zag: the middle buckets keep their extreme points.
    const ys = [0, 1, 9, 1, 1, -9, 1, 0];
    expect(lttbIndices(range(8), ys, 4)).toEqual([0, 2, 5, 7]);
  });

  it("keeps one missing point per gap, so a chart breaks the line there", () => {
    const xs = range(1_000);
    const ys = xs.map((i) => (i >= 400 && i < 450 ? Number.NaN : i % 7));
    const kept = lttbIndices(xs, ys, 100);
    const keptGaps = kept.filter((i) => Number.isNaN(ys[i] as number));
    expect(keptGaps).toEqual([400]);
    // Each side of the gap is drawn up to its edge.
    expect(kept).toContain(399);
    expect(kept).toContain(450);
  });

  it("refuses mismatched arrays and a budget below two points", () => {
    expect(() => lttbIndices([1, 2], [1], 2)).toThrow("2 x values but 1 y values");
    expect(() => lttbIndices([1, 2, 3], [1, 2, 3], 1)).toThrow("maxPoints must be an integer ≥ 2");
  });

  it("returns increasing, distinct indices within about the budget for any series", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constant(Number.NaN)), {
          maxLength: 3_000,
        }),
        fc.integer({ min: 2, max: 500 }),
        (ys, maxPoints) => {
          const kept = lttbIndices(range(ys.length), ys, maxPoints);
          for (let i = 1; i < kept.length; i++) expect(kept[i]).toBeGreaterThan(kept[i - 1] as number);
          const gaps = ys.filter((y, i) => Number.isNaN(y) && (i === 0 || !Number.isNaN(ys[i - 1] as number))).length;
          if (ys.length <= maxPoints) expect(kept.length).toBe(ys.length);
          else if (gaps === 0) expect(kept.length).toBeLessThanOrEqual(maxPoints);
          // Each gap costs a point, and each run's share is rounded and kept to at least two.
          else expect(kept.length).toBeLessThanOrEqual(Math.max(maxPoints + 2 * gaps + 2, 3 * gaps + 4));
        },
      ),
    );
  });
});
