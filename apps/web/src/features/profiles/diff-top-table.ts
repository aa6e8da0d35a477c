import type { ProfileDiffTopFunction } from "@fleetdeck/core";
import type { DiffTopSort } from "./profile-search.ts";

/** How many rows the diff table shows before "Show all". */
export const diffRowsShown = 100;

const byName = (a: ProfileDiffTopFunction, b: ProfileDiffTopFunction) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * The diff table's order. Changes are shares of each profile's own total, so a longer capture does
 * not read as everything growing: the largest change either way, most growth, or most shrink first.
 */
export function sortDiffFunctions(
  functions: readonly ProfileDiffTopFunction[],
  sort: DiffTopSort,
): ProfileDiffTopFunction[] {
  const key =
    sort === "change"
      ? (row: ProfileDiffTopFunction) => -Math.abs(row.flatShareChange)
      : sort === "growth"
        ? (row: ProfileDiffTopFunction) => -row.flatShareChange
        : (row: ProfileDiffTopFunction) => row.flatShareChange;
  return [...functions].sort(
    (a, b) => key(a) - key(b) || Math.abs(b.cumShareChange) - Math.abs(a.cumShareChange) || byName(a, b),
  );
}

/** Functions whose share did not move (by flat or cum) are noise in a table of changes. */
export function changedFunctions(functions: readonly ProfileDiffTopFunction[]): ProfileDiffTopFunction[] {
  return functions.filter((row) => row.flatShareChange !== 0 || row.cumShareChange !== 0);
}
