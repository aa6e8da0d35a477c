import { useState } from "react";
import { timeRangeOf } from "../../lib/time-range.ts";
import { CompareRegionsPanel } from "./CompareRegionsPanel.tsx";
import { GcChartGrid } from "./GcChartGrid.tsx";
import { GcOverTimePanel } from "./GcOverTimePanel.tsx";
import type { GcPageSearch } from "./gc-page-search.ts";
import { useServiceGcSeries } from "./use-gc-series.ts";

interface ServiceGcSectionProps {
  serviceId: string;
  search: GcPageSearch;
  onSearchChange: (change: Partial<GcPageSearch>) => void;
}

/** A service's GC charts (its instances folded per step) and the overlay of its regions. */
export function ServiceGcSection({ serviceId, search, onSearchChange }: ServiceGcSectionProps) {
  const [paused, setPaused] = useState(false);
  const view = { range: timeRangeOf(search), paused };
  const series = useServiceGcSeries(serviceId, view);
  return (
    <>
      <GcOverTimePanel
        subject={`service ${serviceId}`}
        query={series}
        range={view.range}
        paused={paused}
        onPausedChange={setPaused}
        onSearchChange={onSearchChange}
        note={
          <p className="panel__note">
            All instances together: bytes, cores, goroutines and rates summed; pauses are the worst instance's; GC CPU
            fraction and cycles/s the mean of the instances.
          </p>
        }
      >
        {(answer) => <GcChartGrid answer={answer} perInstance={false} instances={answer.instances} />}
      </GcOverTimePanel>
      {series.data ? (
        <CompareRegionsPanel
          serviceId={serviceId}
          regionIds={series.data.regionIds}
          search={search}
          onSearchChange={onSearchChange}
          view={view}
        />
      ) : null}
    </>
  );
}
