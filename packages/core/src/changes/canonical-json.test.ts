import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";

describe("canonicalJson", () => {
  it("sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("leaves out undefined properties and writes undefined array items as null, like JSON.stringify", () => {
    expect(canonicalJson({ a: undefined, b: null, c: [undefined] })).toBe('{"b":null,"c":[null]}');
  });

  it("refuses values JSON cannot carry, naming where they are", () => {
    expect(() => canonicalJson({ plan: { stages: [{ bakeSeconds: Number.NaN }] } })).toThrow(
      "canonicalJson: $.plan.stages[0].bakeSeconds is NaN, which JSON cannot carry",
    );
    expect(() => canonicalJson({ at: new Date(0) })).toThrow("canonicalJson: $.at is a Date, not plain JSON data");
    expect(() => canonicalJson({ ids: new Set() })).toThrow("$.ids is a Set");
  });

  it("gives the same text whatever order the keys were written in, and parses back to an equal value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        const reordered = JSON.parse(JSON.stringify(value), (_key, item) =>
          item && typeof item === "object" && !Array.isArray(item)
            ? Object.fromEntries(Object.entries(item).reverse())
            : item,
        );
        expect(canonicalJson(reordered)).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
