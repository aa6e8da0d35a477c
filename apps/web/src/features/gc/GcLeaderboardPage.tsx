import type { GcLeaderboardLevel } from "@fleetdeck/core";
import { QueryState } from "../../components/QueryState.tsx";
import type { FleetCatalog } from "../../lib/api-types.ts";
import { catalogProblem, regionOptions, serviceOptions } from "../catalog/catalog-options.ts";
import { useFleetCatalog } from "../catalog/use-fleet-catalog.ts";
import { LiveIndicator } from "../overview/LiveIndicator.tsx";
import { LeaderboardFilters, LevelTabs } from "./GcLeaderboardControls.tsx";
import { GcLeaderboardPager } from "./GcLeaderboardPager.tsx";
import { GcLeaderboardTable } from "./GcLeaderboardTable.tsx";
import { type GcLeaderboardSearch, sortedBy } from "./gc-leaderboard-search.ts";
import { useGcLeaderboard } from "./use-gc-leaderboard.ts";

interface GcLeaderboardPageProps {
  search: GcLeaderboardSearch;
  onSearchChange: (change: Partial<GcLeaderboardSearch>) => void;
}

const tableLabels: Record<GcLeaderboardLevel, string> = {
  region: "Regions by GC cost",
  cluster: "Clusters by GC cost",
  service: "Services by GC cost",
  instance: "Instances by GC cost",
};

/**
 * Where GC time goes across the fleet: regions, clusters, services or instances ranked by any GC
 * number, filtered and paged in the URL, refreshed live. Each row leads on to its own charts.
 */
export function GcLeaderboardPage({ search, onSearchChange }: GcLeaderboardPageProps) {
  const { query, connection, degraded } = useGcLeaderboard(search);
  const catalog = useFleetCatalog();
  const fleet = catalog.data?.catalog;
  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">GC leaderboard</h1>
        <LiveIndicator connection={connection} atMs={query.data?.atMs ?? null} degraded={degraded} />
      </div>
      <LevelTabs search={search} />
      <LeaderboardFilters
        search={search}
        regions={regionOptions(fleet)}
        regionsProblem={catalogProblem(catalog)}
        services={servicesIn(fleet, search.region)}
        clusterName={clusterNameOf(fleet, search.cluster)}
        onChange={onSearchChange}
      />
      <QueryState
        query={query}
        what="the GC leaderboard"
        isEmpty={(answer) => answer.leaderboard === null}
        empty="No control-plane source answered, so there is nothing to rank. The banner above names the failing sources."
      >
        {(answer) =>
          answer.leaderboard ? (
            <>
              <GcLeaderboardTable
                label={tableLabels[search.level]}
                level={search.level}
                rows={answer.leaderboard.rows}
                sort={search.sort}
                direction={search.dir}
                onSort={(metric) => onSearchChange(sortedBy(search, metric))}
                emptyText="Nothing matches these filters."
              />
              <GcLeaderboardPager
                page={search.page}
                total={answer.leaderboard.total}
                onPageChange={(page) => onSearchChange({ page })}
              />
            </>
          ) : null
        }
      </QueryState>
    </div>
  );
}

/** The services the instance level can narrow to: those with an instance in the chosen region. */
function servicesIn(catalog: FleetCatalog | null | undefined, regionId: string | undefined) {
  const all = serviceOptions(catalog);
  if (!catalog || regionId === undefined) return all;
  const inRegion = new Set(catalog.services.filter((s) => s.regionIds.includes(regionId)).map((s) => s.id));
  return all.filter((s) => inRegion.has(s.id));
}

function clusterNameOf(catalog: FleetCatalog | null | undefined, clusterId: string | undefined): string | null {
  if (!catalog || clusterId === undefined) return null;
  for (const region of catalog.regions) {
    const cluster = region.clusters.find((c) => c.id === clusterId);
    if (cluster) return cluster.name;
  }
  return null;
}
