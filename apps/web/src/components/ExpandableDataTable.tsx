import { useState } from "react";
import { DataTable, type DataTableProps } from "./DataTable.tsx";

interface ExpandableDataTableProps<Row> extends DataTableProps<Row> {
  caption: string;
  /** Rows shown until the reader asks for all of them. */
  firstRows: number;
  /** What the rows are, for the button: "Show all 120 instances". */
  noun: string;
}

/** A table that shows its first rows and a button for the rest: a long instance list stays quick to scan. */
export function ExpandableDataTable<Row>({ firstRows, noun, caption, rows, ...table }: ExpandableDataTableProps<Row>) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? rows : rows.slice(0, firstRows);
  const cut = shown.length < rows.length ? ` (first ${shown.length} of ${rows.length})` : "";
  return (
    <>
      <DataTable {...table} rows={shown} caption={`${caption}${cut}`} />
      {rows.length > firstRows ? (
        <button type="button" className="button button--small" onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show the first ${firstRows}` : `Show all ${rows.length} ${noun}`}
        </button>
      ) : null}
    </>
  );
}
