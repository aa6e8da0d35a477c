import { useMemo, useState } from "react";
import type { TopSort } from "./profile-search.ts";
import { formatSampleValue, formatShare } from "./sample-value-format.ts";
import { filterTopFunctions, sortTopFunctions, type TopFunction, topRowsShown } from "./top-table.ts";

interface TopTableProps {
  top: { sampleType: string; unit: string; total: number; functions: readonly TopFunction[] };
  sort: TopSort;
  onSortChange: (sort: TopSort) => void;
  /** The graph's search: the table lists the matching functions only. */
  searchRegex: RegExp | null;
  selectedFunction: string | null;
  onSelectFunction: (name: string | null) => void;
  /** The function of the frame under the pointer in the graph. */
  hoveredFunction: string | null;
  onSandwich: (name: string) => void;
}

/**
 * Per-function flat and cum, as `go tool pprof -top` lists them, sortable by either. Choosing a row
 * highlights the function's frames in the graph and offers its sandwich view.
 */
export function TopTable(props: TopTableProps) {
  const { top, sort, searchRegex, selectedFunction, hoveredFunction } = props;
  const [showAll, setShowAll] = useState(false);
  const rows = useMemo(
    () => filterTopFunctions(sortTopFunctions(top.functions, sort), searchRegex),
    [top.functions, sort, searchRegex],
  );
  const shown = showAll ? rows : rows.slice(0, topRowsShown);
  const share = (value: number) => formatShare(top.total > 0 ? value / top.total : 0);
  const value = (v: number) => formatSampleValue(v, top.unit);

  return (
    <div className="top-table">
      <div className="table-scroll top-table__scroll">
        <table className="data-table">
          <caption className="data-table__caption">
            Functions by {sort}, {top.sampleType} ({top.unit}), total {value(top.total)}
            {searchRegex ? `, ${rows.length} matching the search` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Function</th>
              <SortHeader label="Flat" column="flat" {...props} />
              <th scope="col" className="num">
                Flat %
              </th>
              <SortHeader label="Cum" column="cum" {...props} />
              <th scope="col" className="num">
                Cum %
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={5} className="data-table__empty">
                  {searchRegex ? "No function matches the search." : "This profile has no samples."}
                </td>
              </tr>
            ) : (
              shown.map((row) => {
                const selected = row.name === selectedFunction;
                const classes = [
                  "top-table__row",
                  selected ? "top-table__row--selected" : "",
                  row.name === hoveredFunction ? "top-table__row--hovered" : "",
                ].join(" ");
                return (
                  <tr key={row.name} className={classes.trim()}>
                    <th scope="row">
                      <button
                        type="button"
                        className="top-table__function mono"
                        aria-pressed={selected}
                        title={selected ? "Stop highlighting it" : "Highlight its frames in the graph"}
                        onClick={() => props.onSelectFunction(selected ? null : row.name)}
                      >
                        {row.name}
                      </button>
                      {selected ? (
                        <button
                          type="button"
                          className="button button--small top-table__sandwich"
                          onClick={() => props.onSandwich(row.name)}
                        >
                          Sandwich
                        </button>
                      ) : null}
                    </th>
                    <td className="num">{value(row.flat)}</td>
                    <td className="num">{share(row.flat)}</td>
                    <td className="num">{value(row.cum)}</td>
                    <td className="num">{share(row.cum)}</td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      {rows.length > topRowsShown ? (
        <button type="button" className="button button--small" onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show the first ${topRowsShown}` : `Show all ${rows.length} functions`}
        </button>
      ) : null}
    </div>
  );
}

function SortHeader({ label, column, sort, onSortChange }: { label: string; column: TopSort } & TopTableProps) {
  const active = sort === column;
  return (
    <th scope="col" className="num" aria-sort={active ? "descending" : undefined}>
      <button type="button" className="sort-button" onClick={() => onSortChange(column)}>
        {label}
        <span className="sort-button__arrow" aria-hidden="true">
          {active ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );
}
