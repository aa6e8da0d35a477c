import type { GcSeriesMetric } from "@fleetdeck/core";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import type { RouterInputs } from "../../lib/api-types.ts";
import { refreshIntervalOf, seriesWindowOf, type TimeRange } from "../../lib/time-range.ts";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * Points per chart: about a chart's width in pixels on a wide screen. The server downsamples to
 * it (LTTB), so a month costs the browser no more than fifteen minutes.
 */
export const chartMaxPoints = 600;

export type CompareSubject = RouterInputs["gc"]["compare"]["subjects"][number];

/** How a chart's data is kept current: on its range's beat while live, never while paused or custom. */
export interface SeriesView {
  range: TimeRange;
  paused: boolean;
}

function liveOptions({ range, paused }: SeriesView) {
  return {
    refetchInterval: paused ? false : refreshIntervalOf(range),
    refetchOnWindowFocus: !paused,
    // A new range keeps the previous charts on screen until its own data arrives.
    placeholderData: keepPreviousData,
  } as const;
}

/** One instance's GC charts over the range, with the config changes in it. */
export function useInstanceGcSeries(instanceId: string, view: SeriesView) {
  const trpc = useTRPC();
  return useQuery(
    trpc.gc.instanceSeries.queryOptions(
      { instanceId, window: seriesWindowOf(view.range, chartMaxPoints) },
      liveOptions(view),
    ),
  );
}

/** A service's GC charts over the range: its instances folded per step (summed, worst, or mean). */
export function useServiceGcSeries(serviceId: string, view: SeriesView) {
  const trpc = useTRPC();
  return useQuery(
    trpc.gc.serviceSeries.queryOptions(
      { serviceId, window: seriesWindowOf(view.range, chartMaxPoints) },
      liveOptions(view),
    ),
  );
}

/** One metric for several subjects on one chart; nothing is asked while there is nothing to compare. */
export function useGcCompare(metric: GcSeriesMetric, subjects: readonly CompareSubject[], view: SeriesView) {
  const trpc = useTRPC();
  return useQuery(
    trpc.gc.compare.queryOptions(
      subjects.length === 0
        ? skipToken
        : { metric, subjects: [...subjects], window: seriesWindowOf(view.range, chartMaxPoints) },
      liveOptions(view),
    ),
  );
}
