import { QueryState } from "../../components/QueryState.tsx";
import type { OverviewSearch } from "../../lib/search-params.ts";
import { LiveIndicator } from "./LiveIndicator.tsx";
import { RegionFilter } from "./OverviewControls.tsx";
import { OverviewView } from "./OverviewView.tsx";
import { shapeOverview } from "./shape-overview.ts";
import { useLiveFleetOverview } from "./use-fleet-overview.ts";

interface OverviewPageProps {
  search: OverviewSearch;
  onSearchChange: (change: Partial<OverviewSearch>) => void;
}

/** The fleet's front page: totals, GC leaderboards and per-region health, updated live. */
export function OverviewPage({ search, onSearchChange }: OverviewPageProps) {
  const { query, connection, degraded } = useLiveFleetOverview();
  const overview = query.data?.overview ?? null;
  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">Fleet overview</h1>
        <LiveIndicator connection={connection} atMs={overview?.atMs ?? null} degraded={degraded} />
        <div className="page__tools">
          {overview ? (
            <RegionFilter
              regions={overview.regions}
              value={search.region}
              onChange={(region) => onSearchChange({ region })}
            />
          ) : null}
        </div>
      </div>
      <QueryState
        query={query}
        what="the fleet overview"
        isEmpty={(answer) => answer.overview === null}
        empty="No control-plane source answered, so there is no fleet to show. The banner above names the failing sources."
      >
        {(answer) =>
          answer.overview ? (
            <OverviewView
              model={shapeOverview(answer.overview, search)}
              sort={search.sort}
              onSortChange={(sort) => onSearchChange({ sort })}
            />
          ) : null
        }
      </QueryState>
    </div>
  );
}
