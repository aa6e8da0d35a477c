import { Link } from "@tanstack/react-router";
import { BarChartHorizontal } from "../../components/charts/BarChartHorizontal.tsx";
import { Panel } from "../../components/Panel.tsx";
import { StatGrid } from "../../components/StatCard.tsx";
import { formatCores } from "../../lib/format.ts";
import type { OverviewSearch } from "../../lib/search-params.ts";
import { ServiceSortSelect } from "./OverviewControls.tsx";
import { HeadroomTable, RegionHealthTable, ServicesGcTable, tableNames, WorstPauseTable } from "./OverviewTables.tsx";
import type { OverviewViewModel } from "./shape-overview.ts";

interface OverviewViewProps {
  model: OverviewViewModel;
  sort: OverviewSearch["sort"];
  onSortChange: (sort: OverviewSearch["sort"]) => void;
}

export function OverviewView({ model, sort, onSortChange }: OverviewViewProps) {
  return (
    <>
      <StatGrid stats={model.stats} label={model.region ? `${model.region.regionName} totals` : "Fleet totals"} />
      {model.region ? <p className="panel__note">The leaderboards below rank {model.region.regionName} only.</p> : null}
      <div className="panel-grid">
        <Panel
          title={tableNames.services}
          actions={<ServiceSortSelect value={sort} onChange={onSortChange} />}
          className="panel--wide"
        >
          <ServicesGcTable rows={model.services} />
        </Panel>
        <Panel title={tableNames.pauses}>
          <WorstPauseTable rows={model.worstPauses} />
        </Panel>
        <Panel title={tableNames.headroom}>
          <HeadroomTable rows={model.leastHeadroom} />
        </Panel>
        <Panel title={tableNames.regions} className="panel--wide">
          <div className="split">
            <RegionHealthTable rows={model.regions} />
            {model.regions.length > 0 ? (
              <BarChartHorizontal
                label="GC CPU cores per region"
                valueName="GC CPU cores"
                formatValue={formatCores}
                data={model.regions.map((r) => ({ label: r.regionName, value: r.gcCpuCores }))}
              />
            ) : null}
          </div>
        </Panel>
      </div>
    </>
  );
}

/** The URL names a region the fleet does not have; the page shows the whole fleet instead. */
export function UnknownRegionBanner({ regionId }: { regionId: string }) {
  return (
    <div className="banner banner--warn" role="alert">
      <span>
        No region named “{regionId}”: showing the whole fleet. <Link to="/">Clear the filter</Link>
      </span>
    </div>
  );
}
