/** Columnar series as the server sends them: one time axis shared by every line, null for a gap. */
export interface TimeSeriesData {
  timestampsMs: readonly number[];
  lines: ReadonlyArray<{ key: string; values: ReadonlyArray<number | null> }>;
}

/** A vertical marker: something that changed at an instant ("GOGC 100 → 200"). */
export interface ChartMarker {
  atMs: number;
  /** The whole story, for the tooltip and screen readers. */
  label: string;
  /** What fits on the chart beside the line. */
  shortLabel: string;
}

/** The key a line's values take in a chart row: "s0", "s1"… (a line's own key may hold dots, which recharts reads as paths). */
export const seriesDataKey = (index: number) => `s${index}`;

export type ChartRow = { t: number } & Record<string, number | null>;

/** Rows as recharts reads them, one per timestamp: `{ t, s0, s1, … }`. */
export function chartRowsOf(data: TimeSeriesData): ChartRow[] {
  return data.timestampsMs.map((t, row) => {
    const values: ChartRow = { t };
    data.lines.forEach((line, index) => {
      values[seriesDataKey(index)] = line.values[row] ?? null;
    });
    return values;
  });
}

/** Each line's newest value that is not a gap, with when it was taken (null when the line is all gaps). */
export function latestValues(data: TimeSeriesData): Array<{ key: string; value: number | null; atMs: number | null }> {
  return data.lines.map((line) => {
    for (let i = line.values.length - 1; i >= 0; i--) {
      const value = line.values[i];
      if (value !== null && value !== undefined) return { key: line.key, value, atMs: data.timestampsMs[i] ?? null };
    }
    return { key: line.key, value: null, atMs: null };
  });
}

/** Whether any line has a value to draw. */
export function hasValues(data: TimeSeriesData): boolean {
  return data.lines.some((line) => line.values.some((v) => v !== null));
}

/**
 * Markers at the same instant as one line with both stories, so labels do not draw over each
 * other; markers outside the charted range are left out.
 */
export function markersToDraw(markers: readonly ChartMarker[], startMs: number, endMs: number): ChartMarker[] {
  const byInstant = new Map<number, ChartMarker>();
  for (const marker of markers) {
    if (marker.atMs < startMs || marker.atMs > endMs) continue;
    const found = byInstant.get(marker.atMs);
    byInstant.set(
      marker.atMs,
      found
        ? {
            atMs: marker.atMs,
            label: `${found.label}; ${marker.label}`,
            shortLabel: `${found.shortLabel}, ${marker.shortLabel}`,
          }
        : marker,
    );
  }
  return [...byInstant.values()].sort((a, b) => a.atMs - b.atMs);
}
