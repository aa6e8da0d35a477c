import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { valueNoise } from "./smooth-noise.ts";

const bucketMs = 300_000;

describe("valueNoise", () => {
  it("stays within [-1, 1]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: -1e13, max: 1e13, noNaN: true }),
        (key, t) => {
          const value = valueNoise(key, t, bucketMs);
          expect(value).toBeGreaterThanOrEqual(-1);
          expect(value).toBeLessThanOrEqual(1);
        },
      ),
      { seed: 11 },
    );
  });

  it("is continuous: nearby instants give nearby values", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2e12 }), (key, t) => {
        expect(Math.abs(valueNoise(key, t + 1_000, bucketMs) - valueNoise(key, t, bucketMs))).toBeLessThan(0.02);
      }),
      { seed: 12 },
    );
  });

  it("actually varies over buckets and between keys", () => {
    const values = Array.from({ length: 50 }, (_, i) => valueNoise(1, i * bucketMs, bucketMs));
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(1);
    expect(valueNoise(1, 12_345_678, bucketMs)).not.toBe(valueNoise(2, 12_345_678, bucketMs));
  });
});
