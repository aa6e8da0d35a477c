import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { CompareChart, CompareMetricSelect } from "./CompareControls.tsx";
import { defaultCompareMetric } from "./gc-chart-specs.ts";
import type { GcPageSearch } from "./gc-page-search.ts";
import { type SeriesView, useGcCompare } from "./use-gc-series.ts";

interface CompareRegionsPanelProps {
  serviceId: string;
  /** The regions the service runs in (from its series answer). */
  regionIds: readonly string[];
  search: GcPageSearch;
  onSearchChange: (change: Partial<GcPageSearch>) => void;
  view: SeriesView;
}

/** The service in each of its regions, one line per region, for the metric in the URL. */
export function CompareRegionsPanel({ serviceId, regionIds, search, onSearchChange, view }: CompareRegionsPanelProps) {
  const on = search.compareRegions === true;
  const metric = search.metric ?? defaultCompareMetric;
  const subjects = on ? regionIds.map((regionId) => ({ kind: "service" as const, serviceId, regionId })) : [];
  const overlay = useGcCompare(metric, subjects, view);
  const lineLabels = Object.fromEntries(regionIds.map((regionId) => [`${serviceId}@${regionId}`, regionId]));
  return (
    <Panel
      title="Compare regions"
      actions={
        <button
          type="button"
          className="button button--small"
          aria-pressed={on}
          onClick={() => onSearchChange({ compareRegions: on ? undefined : true })}
        >
          {on ? "Hide the region overlay" : "Overlay the regions"}
        </button>
      }
    >
      {on ? (
        <>
          <div className="form__row gc-compare__controls">
            <CompareMetricSelect value={metric} onChange={(chosen) => onSearchChange({ metric: chosen })} />
          </div>
          {regionIds.length < 2 ? (
            <p className="panel__note">This service runs in one region only; the chart shows it alone.</p>
          ) : null}
          <QueryState query={overlay} what="the region overlay">
            {(answer) => <CompareChart metric={metric} answer={answer} lineLabels={lineLabels} />}
          </QueryState>
        </>
      ) : (
        <p className="panel__note">
          Overlay this service's {regionIds.length} regions on one chart to see whether one region behaves differently.
        </p>
      )}
    </Panel>
  );
}
