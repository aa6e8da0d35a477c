import { useId } from "react";
import { type OverviewSearch, type ServiceLeaderboardSort, serviceLeaderboardSorts } from "../../lib/search-params.ts";
import type { EntityOption } from "../catalog/catalog-options.ts";

const sortLabels: Record<ServiceLeaderboardSort, string> = {
  gcCpuCores: "GC CPU cores",
  meanGcCpuFraction: "Mean GC CPU %",
  instances: "Instances",
};

function isSort(value: string): value is ServiceLeaderboardSort {
  return (serviceLeaderboardSorts as readonly string[]).includes(value);
}

/**
 * Every region of the fleet by name. A region in the URL that the list lacks (unknown, or the
 * catalog is not loaded yet) stays selected under its id, so the control never hides the filter.
 */
export function RegionFilter({
  regions,
  problem = null,
  value,
  onChange,
}: {
  regions: readonly EntityOption[];
  /** Why the region list could not be loaded. */
  problem?: string | null;
  value: string | undefined;
  onChange: (regionId: string | undefined) => void;
}) {
  const id = useId();
  const listed = value === undefined || regions.some((region) => region.id === value);
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Filter by region</label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">All regions</option>
        {regions.map((region) => (
          <option key={region.id} value={region.id}>
            {region.name}
          </option>
        ))}
        {listed ? null : <option value={value}>{value}</option>}
      </select>
      {problem ? <span className="field__help">Could not load the regions: {problem}</span> : null}
    </div>
  );
}

export function ServiceSortSelect({
  value,
  onChange,
}: {
  value: OverviewSearch["sort"];
  onChange: (sort: ServiceLeaderboardSort) => void;
}) {
  const id = useId();
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Order by</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          if (isSort(event.target.value)) onChange(event.target.value);
        }}
      >
        {serviceLeaderboardSorts.map((sort) => (
          <option key={sort} value={sort}>
            {sortLabels[sort]}
          </option>
        ))}
      </select>
    </div>
  );
}
