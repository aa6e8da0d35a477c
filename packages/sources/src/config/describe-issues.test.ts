import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeIssues, formatIssuePath } from "./describe-issues.ts";

describe("describeIssues", () => {
  it("writes paths as a reader would", () => {
    expect(formatIssuePath(["sources", 1, "labels", "region"])).toBe("sources[1].labels.region");
    expect(formatIssuePath([0, "value", 1])).toBe("[0].value[1]");
    expect(formatIssuePath([])).toBe("");
  });

  it("prefixes a root, and caps the list", () => {
    const result = z.array(z.number()).safeParse(["a", "b", "c"]);
    if (result.success) throw new Error("expected failure");
    expect(describeIssues(result.error, { root: "data", limit: 2 })).toBe(
      "data[0]: Invalid input: expected number, received string; data[1]: Invalid input: expected number, received string; … and 1 more",
    );
  });
});
