import type { TopSort } from "./profile-search.ts";

/** A function's row in the top table (the shape of core's ProfileTop functions). */
export interface TopFunction {
  name: string;
  flat: number;
  cum: number;
}

/** How many rows the table shows before "Show all". */
export const topRowsShown = 100;

/**
 * The rows in the table's order: largest first by the chosen column, then by the other, then by
 * name, as pprof's -top breaks ties, so the order is stable between renders.
 */
export function sortTopFunctions(functions: readonly TopFunction[], sort: TopSort): TopFunction[] {
  const other: TopSort = sort === "flat" ? "cum" : "flat";
  return [...functions].sort(
    (a, b) => b[sort] - a[sort] || b[other] - a[other] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** The rows whose function matches the search, so the table follows what the graph highlights. */
export function filterTopFunctions<Row extends { name: string }>(
  functions: readonly Row[],
  regex: RegExp | null,
): readonly Row[] {
  if (regex === null) return functions;
  const matcher = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ""));
  return functions.filter((row) => matcher.test(row.name));
}
