import type { TimeRange } from "../fleet-source.ts";

/** A day at 10 s, or a week at a minute, fits; anything larger should be downsampled by the caller. */
export const maxSeriesPoints = 11_000;
/** Below a second the simulation has nothing new to say (and Prometheus scrapes are coarser). */
export const minSeriesStepMs = 1_000;

/**
 * The instants of a series: every multiple of stepMs within [startMs, endMs], both ends included,
 * so two queries with the same step line up point for point whatever their start.
 */
export function seriesTimestamps(range: TimeRange): number[] {
  const { startMs, endMs, stepMs } = range;
  if (![startMs, endMs, stepMs].every(Number.isFinite)) {
    throw new Error(`a time range needs finite startMs, endMs and stepMs (got ${startMs}, ${endMs}, ${stepMs})`);
  }
  if (stepMs < minSeriesStepMs) {
    throw new Error(`stepMs must be at least ${minSeriesStepMs} ms (got ${stepMs})`);
  }
  if (endMs < startMs) {
    throw new Error(`the range ends (${endMs}) before it starts (${startMs})`);
  }
  const firstMs = Math.ceil(startMs / stepMs) * stepMs;
  const count = firstMs > endMs ? 0 : Math.floor((endMs - firstMs) / stepMs) + 1;
  if (count > maxSeriesPoints) {
    throw new Error(
      `the range holds ${count} points at a ${stepMs} ms step, more than the limit of ${maxSeriesPoints}: ` +
        "use a larger step or a shorter range",
    );
  }
  return Array.from({ length: count }, (_, i) => firstMs + i * stepMs);
}
