import { useMemo, useState } from "react";
import { DataTable } from "../../components/DataTable.tsx";
import { ExpandableDataTable } from "../../components/ExpandableDataTable.tsx";
import { defaultSort, nextSort, type SortableColumn, type SortState, sortRows } from "./table-sort.ts";

interface SortableTableProps<Row> {
  label: string;
  caption: string;
  columns: readonly SortableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  emptyText: string;
  /** The order before the reader picks a column: problems first. */
  defaultOrder: (a: Row, b: Row) => number;
  /** With a long table, rows shown until the reader asks for all of them, and what they are. */
  expandable?: { firstRows: number; noun: string };
}

/** A table whose headers sort it; it opens in its default order, problems first. */
export function SortableTable<Row>({ columns, rows, defaultOrder, expandable, ...table }: SortableTableProps<Row>) {
  const [state, setState] = useState<SortState>(defaultSort);
  const sorted = useMemo(() => sortRows(rows, columns, state, defaultOrder), [rows, columns, state, defaultOrder]);
  const shownColumns = useMemo(() => columns.map((c) => ({ ...c, sortable: c.sortValue !== undefined })), [columns]);
  const sort = {
    ...state,
    onSort: (header: string) =>
      setState((previous) => nextSort(previous, header, columns.find((c) => c.header === header)?.numeric ?? false)),
  };
  return expandable ? (
    <ExpandableDataTable {...table} {...expandable} columns={shownColumns} rows={sorted} sort={sort} />
  ) : (
    <DataTable {...table} columns={shownColumns} rows={sorted} sort={sort} />
  );
}
