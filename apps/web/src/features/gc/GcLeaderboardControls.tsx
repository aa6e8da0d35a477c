import type { GcLeaderboardLevel } from "@fleetdeck/core";
import { Link } from "@tanstack/react-router";
import { useEffect, useId, useState } from "react";
import type { EntityOption } from "../catalog/catalog-options.ts";
import { RegionFilter } from "../overview/OverviewControls.tsx";
import type { GcLeaderboardSearch } from "./gc-leaderboard-search.ts";

const levelTabs: ReadonlyArray<{ level: GcLeaderboardLevel; label: string }> = [
  { level: "region", label: "Regions" },
  { level: "cluster", label: "Clusters" },
  { level: "service", label: "Services" },
  { level: "instance", label: "Instances" },
];

/** What a level's tab keeps of the view: the scope and the search; the service filter only for instances. */
function searchForLevel(search: GcLeaderboardSearch, level: GcLeaderboardLevel): GcLeaderboardSearch {
  return {
    ...search,
    level,
    page: 1,
    service: level === "instance" ? search.service : undefined,
    sort: level === "instance" && search.sort === "instances" ? "gcCpuCores" : search.sort,
  };
}

/** Regions, clusters, services or instances: links, so each level has its own address. */
export function LevelTabs({ search }: { search: GcLeaderboardSearch }) {
  return (
    <nav className="level-tabs" aria-label="Rank by">
      {levelTabs.map(({ level, label }) => (
        <Link
          key={level}
          to="/gc"
          search={searchForLevel(search, level)}
          className="level-tabs__tab"
          // The router marks a link current when its search is a subset of the page's; a tab is
          // current only for its own level.
          activeOptions={{ exact: true, includeSearch: true }}
          aria-current={search.level === level ? "page" : undefined}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}

interface LeaderboardFiltersProps {
  search: GcLeaderboardSearch;
  regions: readonly EntityOption[];
  regionsProblem: string | null;
  services: readonly EntityOption[];
  clusterName: string | null;
  onChange: (change: Partial<GcLeaderboardSearch>) => void;
}

export function LeaderboardFilters({
  search,
  regions,
  regionsProblem,
  services,
  clusterName,
  onChange,
}: LeaderboardFiltersProps) {
  return (
    <div className="form__row gc-filters">
      <RegionFilter
        regions={regions}
        problem={regionsProblem}
        value={search.region}
        onChange={(region) => onChange({ region, cluster: undefined, page: 1 })}
      />
      {search.level === "instance" ? (
        <ServiceFilter
          services={services}
          value={search.service}
          onChange={(service) => onChange({ service, page: 1 })}
        />
      ) : null}
      <TextFilter value={search.q} onChange={(q) => onChange({ q, page: 1 })} />
      {search.cluster ? (
        <span className="chip chip--removable">
          Cluster: {clusterName ?? search.cluster}
          <button
            type="button"
            className="chip__remove"
            aria-label={`Show every cluster, not only ${clusterName ?? search.cluster}`}
            onClick={() => onChange({ cluster: undefined, page: 1 })}
          >
            ×
          </button>
        </span>
      ) : null}
    </div>
  );
}

function ServiceFilter({
  services,
  value,
  onChange,
}: {
  services: readonly EntityOption[];
  value: string | undefined;
  onChange: (serviceId: string | undefined) => void;
}) {
  const id = useId();
  const listed = value === undefined || services.some((s) => s.id === value);
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Service</label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">All services</option>
        {services.map((service) => (
          <option key={service.id} value={service.id}>
            {service.name}
          </option>
        ))}
        {listed ? null : <option value={value}>{value}</option>}
      </select>
    </div>
  );
}

/** The typed text is applied once typing pauses, so a word is one request, not one per key. */
const typingPauseMs = 300;

function TextFilter({ value, onChange }: { value: string | undefined; onChange: (q: string | undefined) => void }) {
  const id = useId();
  const [text, setText] = useState(value ?? "");
  const [applied, setApplied] = useState(value);
  // The URL changed without typing here (back, a link): show what it says now.
  if (value !== applied) {
    setApplied(value);
    if ((text.trim() || undefined) !== value) setText(value ?? "");
  }
  useEffect(() => {
    const wanted = text.trim() || undefined;
    if (wanted === value) return;
    const timer = setTimeout(() => onChange(wanted), typingPauseMs);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Name contains</label>
      <input id={id} type="search" value={text} onChange={(event) => setText(event.target.value)} />
    </div>
  );
}
