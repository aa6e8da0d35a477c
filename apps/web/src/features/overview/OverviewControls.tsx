import { useId } from "react";
import { type OverviewSearch, type ServiceLeaderboardSort, serviceLeaderboardSorts } from "../../lib/search-params.ts";
import type { RegionHealth } from "./shape-overview.ts";

const sortLabels: Record<ServiceLeaderboardSort, string> = {
  gcCpuCores: "GC CPU cores",
  meanGcCpuFraction: "Mean GC CPU %",
  instances: "Instances",
};

function isSort(value: string): value is ServiceLeaderboardSort {
  return (serviceLeaderboardSorts as readonly string[]).includes(value);
}

export function RegionFilter({
  regions,
  value,
  onChange,
}: {
  regions: readonly RegionHealth[];
  value: string | undefined;
  onChange: (regionId: string | undefined) => void;
}) {
  const id = useId();
  const names = [...regions].sort((a, b) => a.regionName.localeCompare(b.regionName));
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Filter by region</label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">All regions</option>
        {names.map((region) => (
          <option key={region.regionId} value={region.regionId}>
            {region.regionName}
          </option>
        ))}
      </select>
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
