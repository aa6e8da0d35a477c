import { describe, expect, it } from "vitest";
import { overviewSearchSchema } from "./search-params.ts";

describe("overviewSearchSchema", () => {
  it("reads a region filter and a leaderboard sort from the URL", () => {
    expect(overviewSearchSchema.parse({ region: "eu-west", sort: "instances" })).toEqual({
      region: "eu-west",
      sort: "instances",
    });
  });

  it("defaults to the whole fleet ordered by GC CPU cores", () => {
    expect(overviewSearchSchema.parse({})).toEqual({ region: undefined, sort: "gcCpuCores" });
  });

  it("falls back instead of failing on a pasted link with bad values", () => {
    expect(overviewSearchSchema.parse({ region: "no spaces allowed", sort: "bogus" })).toEqual({
      region: undefined,
      sort: "gcCpuCores",
    });
    expect(overviewSearchSchema.parse({ region: 42 })).toEqual({ region: undefined, sort: "gcCpuCores" });
  });

  it("ignores parameters it does not know", () => {
    expect(overviewSearchSchema.parse({ sort: "meanGcCpuFraction", utm: "x" })).toEqual({
      region: undefined,
      sort: "meanGcCpuFraction",
    });
  });
});
