import { useState } from "react";
import { timeRangeOf } from "../../lib/time-range.ts";
import { CompareInstancesPanel } from "./CompareInstancesPanel.tsx";
import { GcChartGrid } from "./GcChartGrid.tsx";
import { GcOverTimePanel } from "./GcOverTimePanel.tsx";
import type { GcPageSearch } from "./gc-page-search.ts";
import { useInstanceGcSeries } from "./use-gc-series.ts";

interface InstanceGcSectionProps {
  instanceId: string;
  serviceId: string;
  containerMemoryLimitBytes: number | null;
  search: GcPageSearch;
  onSearchChange: (change: Partial<GcPageSearch>) => void;
}

/** An instance's GC charts over the range in the URL, and the overlay with other instances. */
export function InstanceGcSection(props: InstanceGcSectionProps) {
  const { instanceId, serviceId, containerMemoryLimitBytes, search, onSearchChange } = props;
  const [paused, setPaused] = useState(false);
  const view = { range: timeRangeOf(search), paused };
  const series = useInstanceGcSeries(instanceId, view);
  return (
    <>
      <GcOverTimePanel
        subject={`instance ${instanceId}`}
        query={series}
        range={view.range}
        paused={paused}
        onPausedChange={setPaused}
        onSearchChange={onSearchChange}
      >
        {(answer) => (
          <GcChartGrid
            answer={answer}
            perInstance
            instances={null}
            containerMemoryLimitBytes={containerMemoryLimitBytes}
          />
        )}
      </GcOverTimePanel>
      <CompareInstancesPanel
        instanceId={instanceId}
        serviceId={serviceId}
        search={search}
        onSearchChange={onSearchChange}
        view={view}
      />
    </>
  );
}
