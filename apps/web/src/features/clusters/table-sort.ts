import type { Column } from "../../components/DataTable.tsx";

export type SortValue = string | number | boolean | null;

/** A column with the value its rows sort by; without one the column is not sortable. */
export interface SortableColumn<Row> extends Column<Row> {
  sortValue?: (row: Row) => SortValue;
}

export interface SortState {
  /** The sorted column's header; null keeps the table's default order. */
  header: string | null;
  direction: "asc" | "desc";
}

export const defaultSort: SortState = { header: null, direction: "asc" };

/**
 * The sort after a click on a header: the same column flips direction; a new one starts with the
 * biggest numbers first (most restarts, most regions) and with text from A.
 */
export function nextSort(state: SortState, header: string, numeric: boolean): SortState {
  if (state.header === header) return { header, direction: state.direction === "asc" ? "desc" : "asc" };
  return { header, direction: numeric ? "desc" : "asc" };
}

const textOrder = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Compares two sort values ascending: false before true, names in natural order (pod-9 before pod-10). */
export function compareSortValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "string" && typeof b === "string") return textOrder.compare(a, b);
  return Number(a) - Number(b);
}

/**
 * The rows in the order the state asks for, or in `defaultOrder` when no column is chosen. Unknown
 * values (null) stay last in either direction; ties keep the default order.
 */
export function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly SortableColumn<Row>[],
  state: SortState,
  defaultOrder: (a: Row, b: Row) => number,
): Row[] {
  const byDefault = [...rows].sort(defaultOrder);
  const sortValue = columns.find((column) => column.header === state.header)?.sortValue;
  if (!sortValue) return byDefault;
  const sign = state.direction === "asc" ? 1 : -1;
  const keyed = byDefault.map((row, index) => ({ row, index, value: sortValue(row) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) return compareSortValues(a.value, b.value) || a.index - b.index;
    return sign * compareSortValues(a.value, b.value) || a.index - b.index;
  });
  return keyed.map((entry) => entry.row);
}
