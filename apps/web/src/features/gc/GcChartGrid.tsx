import type { ConfigChangeMarker, GcPanel } from "@fleetdeck/core";
import { TimeSeriesChart } from "../../components/charts/TimeSeriesChart.tsx";
import { formatInstant } from "../../components/charts/time-axis.ts";
import { formatBytes } from "../../lib/format.ts";
import { configChangeChartMarker, gcChartOrder, gcChartSpecs, isGcPanelId, missingNoteText } from "./gc-chart-specs.ts";

/** What instanceSeries and serviceSeries both answer: the panels, the changes and what is missing. */
export interface GcSeriesAnswer {
  range: { startMs: number; endMs: number; stepMs: number };
  panels: readonly GcPanel[];
  markers: readonly ConfigChangeMarker[];
  missing: ReadonlyArray<{ field: string; message: string; instanceIds: readonly string[] }>;
}

interface GcChartGridProps {
  answer: GcSeriesAnswer;
  /** An instance's own page: markers do not count instances, notes do not count them either. */
  perInstance: boolean;
  /** How many instances the charts fold, for "3 of 12 instances" (null on an instance's page). */
  instances: number | null;
  /** The container's memory limit, drawn across the RSS chart. */
  containerMemoryLimitBytes?: number | null;
}

/** Every GC chart of one instance or service, with the same config-change markers on each. */
export function GcChartGrid({ answer, perInstance, instances, containerMemoryLimitBytes = null }: GcChartGridProps) {
  const markers = answer.markers.map((m) => configChangeChartMarker(m, { perInstance }));
  const panels = new Map(answer.panels.filter((p) => isGcPanelId(p.id)).map((p) => [p.id, p]));
  const { startMs, endMs } = answer.range;
  return (
    <>
      {answer.missing.length > 0 ? (
        <div className="banner banner--warn gc-missing" role="note">
          <span className="banner__tag">Missing</span>
          <ul>
            {answer.missing.map((note) => (
              <li key={`${note.field}|${note.message}`}>{missingNoteText(note, instances)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {markers.length > 0 ? (
        <details className="gc-changes">
          <summary>
            {markers.length === 1 ? "1 runtime config change" : `${markers.length} runtime config changes`} in this
            range (dashed lines on every chart)
          </summary>
          <ul>
            {markers.map((marker) => (
              <li key={`${marker.atMs}|${marker.label}`}>
                <time dateTime={new Date(marker.atMs).toISOString()}>{formatInstant(marker.atMs)}</time> {marker.label}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="chart-grid">
        {gcChartOrder.map((id) => {
          const panel = panels.get(id);
          if (!panel) return null;
          const spec = gcChartSpecs[id];
          const limit =
            id === "rss" && containerMemoryLimitBytes !== null
              ? { value: containerMemoryLimitBytes, label: `container limit ${formatBytes(containerMemoryLimitBytes)}` }
              : null;
          return (
            <TimeSeriesChart
              key={id}
              title={id === "rss" && perInstance ? "RSS vs container limit" : spec.title}
              data={panel}
              lineLabels={spec.lineLabels}
              unit={spec.unit}
              startMs={startMs}
              endMs={endMs}
              markers={markers}
              limit={limit}
            />
          );
        })}
      </div>
    </>
  );
}
