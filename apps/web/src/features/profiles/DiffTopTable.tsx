import type { ProfileDiffTop } from "@fleetdeck/core";
import { useMemo, useState } from "react";
import { changedFunctions, diffRowsShown, sortDiffFunctions } from "./diff-top-table.ts";
import type { DiffTopSort } from "./profile-search.ts";
import { formatSampleValue, formatShare, formatShareChange } from "./sample-value-format.ts";
import { filterTopFunctions } from "./top-table.ts";

interface DiffTopTableProps {
  diffTop: ProfileDiffTop;
  sort: DiffTopSort;
  onSortChange: (sort: DiffTopSort) => void;
  searchRegex: RegExp | null;
}

const sortLabels: Record<DiffTopSort, string> = {
  change: "largest change",
  growth: "most growth",
  shrink: "most shrink",
};

/** The functions whose share of the profile moved most, before and after. */
export function DiffTopTable({ diffTop, sort, onSortChange, searchRegex }: DiffTopTableProps) {
  const [showAll, setShowAll] = useState(false);
  const rows = useMemo(() => {
    const changed = sortDiffFunctions(changedFunctions(diffTop.functions), sort);
    return searchRegex ? filterTopFunctions(changed, searchRegex) : changed;
  }, [diffTop.functions, sort, searchRegex]);
  const shown = showAll ? rows : rows.slice(0, diffRowsShown);
  const { unit } = diffTop;
  const share = (value: number, total: number) => formatShare(total > 0 ? value / total : 0);

  return (
    <div className="top-table">
      <fieldset className="diff-sort">
        <legend>Order by</legend>
        {(Object.keys(sortLabels) as DiffTopSort[]).map((option) => (
          <button
            key={option}
            type="button"
            className="button button--small"
            aria-pressed={sort === option}
            onClick={() => onSortChange(option)}
          >
            {sortLabels[option]}
          </button>
        ))}
      </fieldset>
      <div className="table-scroll top-table__scroll">
        <table className="data-table">
          <caption className="data-table__caption">
            Changes in {diffTop.sampleType} ({unit}), by {sortLabels[sort]}, as shares of each profile's total (before{" "}
            {formatSampleValue(diffTop.baseTotal, unit)}, after {formatSampleValue(diffTop.targetTotal, unit)})
          </caption>
          <thead>
            <tr>
              <th scope="col">Function</th>
              <th scope="col" className="num">
                Flat before
              </th>
              <th scope="col" className="num">
                Flat after
              </th>
              <th scope="col" className="num">
                Flat change
              </th>
              <th scope="col" className="num">
                Cum change
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={5} className="data-table__empty">
                  {searchRegex ? "No changed function matches the search." : "No function changed its share."}
                </td>
              </tr>
            ) : (
              shown.map((row) => (
                <tr key={row.name}>
                  <th scope="row" className="mono top-table__name">
                    {row.name}
                  </th>
                  <td className="num" title={formatSampleValue(row.baseFlat, unit)}>
                    {share(row.baseFlat, diffTop.baseTotal)}
                  </td>
                  <td className="num" title={formatSampleValue(row.targetFlat, unit)}>
                    {share(row.targetFlat, diffTop.targetTotal)}
                  </td>
                  <td className={`num ${changeClass(row.flatShareChange)}`}>
                    {formatShareChange(row.flatShareChange)}
                  </td>
                  <td className={`num ${changeClass(row.cumShareChange)}`}>{formatShareChange(row.cumShareChange)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {rows.length > diffRowsShown ? (
        <button type="button" className="button button--small" onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show the first ${diffRowsShown}` : `Show all ${rows.length} changed functions`}
        </button>
      ) : null}
    </div>
  );
}

function changeClass(change: number): string {
  if (change > 0) return "change--grew";
  if (change < 0) return "change--shrank";
  return "";
}
