import type { ProfileDiffTopFunction } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { changedFunctions, sortDiffFunctions } from "./diff-top-table.ts";

const row = (name: string, flatShareChange: number, cumShareChange = 0): ProfileDiffTopFunction => ({
  name,
  baseFlat: 0,
  targetFlat: 0,
  baseCum: 0,
  targetCum: 0,
  flatShareChange,
  cumShareChange,
});
const rows = [row("grew-little", 0.01), row("shrank-much", -0.2), row("grew-much", 0.15), row("same", 0, 0)];

describe("diff top table", () => {
  it("puts the largest change either way first", () => {
    expect(sortDiffFunctions(rows, "change").map((r) => r.name)).toEqual([
      "shrank-much",
      "grew-much",
      "grew-little",
      "same",
    ]);
  });

  it("puts the most growth or the most shrink first", () => {
    expect(sortDiffFunctions(rows, "growth").map((r) => r.name)[0]).toBe("grew-much");
    expect(sortDiffFunctions(rows, "shrink").map((r) => r.name)[0]).toBe("shrank-much");
  });

  it("breaks ties by the change in cum, then by name", () => {
    const tied = [row("b", 0.1, 0.1), row("a", 0.1, 0.1), row("c", 0.1, 0.3)];
    expect(sortDiffFunctions(tied, "change").map((r) => r.name)).toEqual(["c", "a", "b"]);
  });

  it("leaves out functions whose share did not move", () => {
    expect(changedFunctions(rows).map((r) => r.name)).not.toContain("same");
    expect(changedFunctions([row("cum-only", 0, 0.02)])).toHaveLength(1);
  });
});
