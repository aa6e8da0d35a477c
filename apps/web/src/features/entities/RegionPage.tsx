import { Link } from "@tanstack/react-router";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { StatGrid } from "../../components/StatCard.tsx";
import { LiveIndicator } from "../overview/LiveIndicator.tsx";
import { HeadroomTable, WorstPauseTable } from "../overview/OverviewTables.tsx";
import { regionStats } from "../overview/shape-overview.ts";
import { useLiveFleetOverview } from "../overview/use-fleet-overview.ts";
import { EntityHeader } from "./EntityHeader.tsx";
import { EntityNotFound } from "./EntityNotFound.tsx";
import { type RegionDetail, regionDetail } from "./shape-region.ts";

export function RegionPage({ regionId }: { regionId: string }) {
  const { query, connection, degraded } = useLiveFleetOverview();
  const overview = query.data?.overview ?? null;
  const detail = overview ? regionDetail(overview, regionId) : null;
  return (
    <div className="page">
      <EntityHeader kind="Region" title={detail?.region.regionName ?? regionId} facts={[]} />
      <LiveIndicator connection={connection} atMs={overview?.atMs ?? null} degraded={degraded} />
      <QueryState
        query={query}
        what="the fleet overview"
        isEmpty={(answer) => answer.overview === null}
        empty="No control-plane source answered, so there is no region to show."
      >
        {() => (detail ? <RegionView detail={detail} /> : <EntityNotFound kind="region" id={regionId} />)}
      </QueryState>
    </div>
  );
}

export function RegionView({ detail }: { detail: RegionDetail }) {
  const { region } = detail;
  return (
    <>
      <StatGrid label={`${region.regionName} totals`} stats={regionStats(region)} />
      <p className="panel__note">
        Below: this region's entries among the fleet's leaderboards.{" "}
        <Link to="/" search={{ region: region.regionId }}>
          Open the overview filtered to {region.regionName}
        </Link>
      </p>
      <div className="panel-grid">
        <Panel title="Worst GC pause p99">
          <WorstPauseTable rows={detail.worstPauses} />
        </Panel>
        <Panel title="Least memory headroom">
          <HeadroomTable rows={detail.leastHeadroom} />
        </Panel>
        <Panel title="Services seen in this region" className="panel--wide">
          {detail.servicesSeen.length === 0 ? (
            <p className="state state--empty">No service of this region is on the fleet's leaderboards.</p>
          ) : (
            <ul className="chip-list">
              {detail.servicesSeen.map((service) => (
                <li key={service.serviceId}>
                  <Link to="/services/$serviceId" params={{ serviceId: service.serviceId }} className="chip">
                    {service.serviceName}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </>
  );
}
