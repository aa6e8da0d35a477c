import { describe, expect, it } from "vitest";
import { comparedInstanceIds, compareParamOf, gcPageSearchSchema } from "./gc-page-search.ts";

describe("compare mode in the URL", () => {
  it("reads the compared instances: valid ids once each, never the page's own, at most eight", () => {
    expect(comparedInstanceIds("b, c,b,,a", "a")).toEqual(["b", "c"]);
    expect(comparedInstanceIds("ok-1,not ok,<x>", "a")).toEqual(["ok-1"]);
    expect(comparedInstanceIds(Array.from({ length: 12 }, (_, i) => `i-${i}`).join(","), "a")).toHaveLength(8);
    expect(comparedInstanceIds(undefined, "a")).toEqual([]);
  });

  it("writes the list back, leaving the URL when it is empty", () => {
    expect(compareParamOf(["b", "c"])).toBe("b,c");
    expect(compareParamOf([])).toBeUndefined();
  });

  it("keeps the range beside compare mode and drops what it cannot read", () => {
    expect(
      gcPageSearchSchema.parse({ range: "7d", compare: "b,c", metric: "goroutines", compareRegions: true }),
    ).toEqual({
      range: "7d",
      from: undefined,
      to: undefined,
      compare: "b,c",
      metric: "goroutines",
      compareRegions: true,
    });
    expect(gcPageSearchSchema.parse({ range: "forever", compare: 12, metric: "speed", compareRegions: "yes" })).toEqual(
      {
        range: undefined,
        from: undefined,
        to: undefined,
        compare: "12",
        metric: undefined,
        compareRegions: undefined,
      },
    );
  });
});
