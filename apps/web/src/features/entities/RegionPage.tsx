import { Link } from "@tanstack/react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { StatGrid } from "../../components/StatCard.tsx";
import type { CatalogRegion } from "../../lib/api-types.ts";
import { formatCount, formatUtcOffset } from "../../lib/format.ts";
import { defaultServiceLeaderboardSort } from "../../lib/search-params.ts";
import { findCatalogRegion } from "../catalog/catalog-options.ts";
import { LiveIndicator } from "../overview/LiveIndicator.tsx";
import { HeadroomTable, ServicesGcTable, tableNames, WorstPauseTable } from "../overview/OverviewTables.tsx";
import { type OverviewViewModel, shapeOverview } from "../overview/shape-overview.ts";
import { EntityHeader, type Fact } from "./EntityHeader.tsx";
import { EntityNotFound, renderMissingEntity } from "./EntityNotFound.tsx";
import { type RegionContents, regionContents } from "./shape-region.ts";
import { useRegionDetail } from "./use-entities.ts";

export function RegionPage({ regionId }: { regionId: string }) {
  const { query, connection, degraded, catalog, missing } = useRegionDetail(regionId);
  const catalogRegion = findCatalogRegion(catalog.data?.catalog, regionId);
  const overview = query.data?.overview ?? null;
  const title = catalogRegion?.name ?? overview?.regions[0]?.regionName ?? regionId;
  if (missing) {
    return (
      <div className="page">
        <EntityHeader kind="Region" title={regionId} facts={[]} />
        <EntityNotFound kind="region" id={regionId} />
      </div>
    );
  }
  return (
    <div className="page">
      <EntityHeader kind="Region" title={title} facts={catalogRegion ? regionFacts(catalogRegion) : []} />
      <LiveIndicator connection={connection} atMs={overview?.atMs ?? null} degraded={degraded} />
      <QueryState
        query={query}
        what={`the overview of region ${regionId}`}
        isEmpty={(answer) => answer.overview === null}
        empty="No control-plane source answered, so there is no region to show."
        renderError={renderMissingEntity("region", regionId)}
      >
        {(answer) => {
          const model = answer.overview
            ? shapeOverview(answer.overview, { regionId, sort: defaultServiceLeaderboardSort })
            : null;
          return model?.region ? (
            <RegionOverviewView model={model} regionName={model.region.regionName} />
          ) : (
            <EntityNotFound kind="region" id={regionId} />
          );
        }}
      </QueryState>
      <QueryState
        query={catalog}
        what="the fleet catalog"
        isEmpty={(answer) => answer.catalog === null}
        empty="No control-plane source answered, so the region's clusters and services are unknown."
      >
        {(answer) => {
          const contents = answer.catalog ? regionContents(answer.catalog, regionId) : null;
          return contents ? <RegionContentsView contents={contents} /> : null;
        }}
      </QueryState>
    </div>
  );
}

function regionFacts(region: CatalogRegion): Fact[] {
  return [
    { label: "Id", value: <span className="mono">{region.id}</span> },
    { label: "Time zone", value: formatUtcOffset(region.utcOffsetHours) },
    { label: "Clusters", value: formatCount(region.clusters.length) },
  ];
}

/** The region's totals and its own leaderboards (the overview asked for this region). */
export function RegionOverviewView({ model, regionName }: { model: OverviewViewModel; regionName: string }) {
  return (
    <>
      <StatGrid label={`${regionName} totals`} stats={model.stats} />
      <p className="panel__note">
        The leaderboards below rank {regionName} only.{" "}
        <Link to="/" search={{ region: model.region?.regionId }}>
          Open the overview filtered to {regionName}
        </Link>
        {" · "}
        <Link to="/gc" search={{ level: "service", region: model.region?.regionId }}>
          Rank {regionName}'s services by GC cost
        </Link>
      </p>
      <div className="panel-grid">
        <Panel title={tableNames.services} className="panel--wide">
          <ServicesGcTable rows={model.services} />
        </Panel>
        <Panel title={tableNames.pauses}>
          <WorstPauseTable rows={model.worstPauses} />
        </Panel>
        <Panel title={tableNames.headroom}>
          <HeadroomTable rows={model.leastHeadroom} />
        </Panel>
      </div>
    </>
  );
}

const clusterColumns: Column<RegionContents["clusters"][number]>[] = [
  { header: "Cluster", rowHeader: true, cell: (c) => c.name },
  { header: "Kind", cell: (c) => c.kind },
  { header: "Instances", numeric: true, cell: (c) => formatCount(c.instances) },
];

/** What runs in the region, from the catalog: its clusters and every service with an instance there. */
export function RegionContentsView({ contents }: { contents: RegionContents }) {
  const { region, clusters, services } = contents;
  return (
    <div className="panel-grid">
      <Panel title={`Clusters in ${region.name}`}>
        <DataTable
          label={`Clusters in ${region.name}`}
          columns={clusterColumns}
          rows={clusters}
          rowKey={(c) => c.id}
          emptyText="This region has no clusters."
        />
      </Panel>
      <Panel title={`Services running in ${region.name}`}>
        {services.length === 0 ? (
          <p className="state state--empty">No service runs in this region.</p>
        ) : (
          <ul className="chip-list" aria-label={`Services running in ${region.name}`}>
            {services.map((service) => (
              <li key={service.id}>
                <Link to="/services/$serviceId" params={{ serviceId: service.id }} className="chip">
                  {service.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
