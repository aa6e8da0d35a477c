import type { ReactNode } from "react";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** The cell that names the row (rendered as a row header for screen readers). */
  rowHeader?: boolean;
  /** The table can be sorted by this column (when it is given a `sort`). */
  sortable?: boolean;
}

/** Which column the rows are sorted by, and how to ask for another; the caller sorts the rows. */
export interface TableSort {
  /** The header of the sorted column; null while the rows are in their default order. */
  header: string | null;
  direction: "asc" | "desc";
  onSort: (header: string) => void;
}

export interface DataTableProps<Row> {
  /** The table's accessible name; tests find tables by it. */
  label: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  emptyText: string;
  caption?: ReactNode;
  sort?: TableSort;
}

/** A compact, dense table: header cells with scope, numbers right-aligned. */
export function DataTable<Row>({ label, columns, rows, rowKey, emptyText, caption, sort }: DataTableProps<Row>) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label={label}>
        {caption ? <caption className="data-table__caption">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column) => {
              const sorted = sort !== undefined && sort.header === column.header;
              return (
                <th
                  key={column.header}
                  scope="col"
                  className={column.numeric ? "num" : undefined}
                  aria-sort={sorted ? (sort.direction === "asc" ? "ascending" : "descending") : undefined}
                >
                  {sort && column.sortable ? (
                    <button type="button" className="sort-button" onClick={() => sort.onSort(column.header)}>
                      {column.header}
                      <span className="sort-button__arrow" aria-hidden="true">
                        {sorted ? (sort.direction === "asc" ? "▲" : "▼") : "↕"}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="data-table__empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th key={column.header} scope="row" className={column.numeric ? "num" : undefined}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.header} className={column.numeric ? "num" : undefined}>
                      {column.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
