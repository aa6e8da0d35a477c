import { describe, expect, it } from "vitest";
import { filterTopFunctions, sortTopFunctions } from "./top-table.ts";

const rows = [
  { name: "main.work", flat: 10, cum: 60 },
  { name: "runtime.mallocgc", flat: 30, cum: 35 },
  { name: "main.main", flat: 0, cum: 100 },
  { name: "runtime.memmove", flat: 30, cum: 30 },
];

describe("top table", () => {
  it("sorts by flat, breaking ties by cum then name", () => {
    expect(sortTopFunctions(rows, "flat").map((row) => row.name)).toEqual([
      "runtime.mallocgc",
      "runtime.memmove",
      "main.work",
      "main.main",
    ]);
  });

  it("sorts by cum", () => {
    expect(sortTopFunctions(rows, "cum").map((row) => row.name)).toEqual([
      "main.main",
      "main.work",
      "runtime.mallocgc",
      "runtime.memmove",
    ]);
  });

  it("keeps the rows the search matches, all of them without a search", () => {
    expect(filterTopFunctions(rows, /^runtime\./g).map((row) => row.name)).toEqual([
      "runtime.mallocgc",
      "runtime.memmove",
    ]);
    expect(filterTopFunctions(rows, null)).toHaveLength(4);
  });
});
