import { QueryState } from "../../components/QueryState.tsx";
import type { OverviewSearch } from "../../lib/search-params.ts";
import { LiveIndicator } from "./LiveIndicator.tsx";
import { RegionFilter } from "./OverviewControls.tsx";
import { OverviewView, UnknownRegionBanner } from "./OverviewView.tsx";
import { shapeOverview } from "./shape-overview.ts";
import { useOverviewOfRegion } from "./use-fleet-overview.ts";

interface OverviewPageProps {
  search: OverviewSearch;
  onSearchChange: (change: Partial<OverviewSearch>) => void;
}

/** The fleet's front page, or one region's: totals, GC leaderboards and per-region health, updated live. */
export function OverviewPage({ search, onSearchChange }: OverviewPageProps) {
  const { query, connection, degraded, regionId, unknownRegionId, regions, regionsProblem } = useOverviewOfRegion(
    search.region,
  );
  const overview = query.data?.overview ?? null;
  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">Fleet overview</h1>
        <LiveIndicator connection={connection} atMs={overview?.atMs ?? null} degraded={degraded} />
        <div className="page__tools">
          <RegionFilter
            regions={regions}
            problem={regionsProblem}
            value={search.region}
            onChange={(region) => onSearchChange({ region })}
          />
        </div>
      </div>
      {unknownRegionId ? <UnknownRegionBanner regionId={unknownRegionId} /> : null}
      <QueryState
        query={query}
        what={regionId ? `the overview of region ${regionId}` : "the fleet overview"}
        isEmpty={(answer) => answer.overview === null}
        empty="No control-plane source answered, so there is no fleet to show. The banner above names the failing sources."
      >
        {(answer) =>
          answer.overview ? (
            <OverviewView
              model={shapeOverview(answer.overview, { regionId, sort: search.sort })}
              sort={search.sort}
              onSortChange={(sort) => onSearchChange({ sort })}
            />
          ) : null
        }
      </QueryState>
    </div>
  );
}
