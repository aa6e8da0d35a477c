import { z } from "zod";
import type { ObservedGcSample } from "../model/gc-sample.ts";
import { lttbIndices } from "./lttb.ts";

/** A number a GC chart can plot, read off a sample. */
export const GcSeriesMetric = z.enum([
  "pauseP50Seconds",
  "pauseP99Seconds",
  "pauseMaxSeconds",
  "gcCyclesPerSecond",
  "heapLiveBytes",
  "heapInUseBytes",
  "heapGoalBytes",
  "memoryLimitBytes",
  "gcCpuFraction",
  "gcCpuCores",
  "allocRateBytesPerSecond",
  "goroutines",
  "rssBytes",
]);
export type GcSeriesMetric = z.infer<typeof GcSeriesMetric>;

export function metricValue(sample: ObservedGcSample, metric: GcSeriesMetric): number | null {
  switch (metric) {
    case "pauseP50Seconds":
      return sample.pause.p50Seconds;
    case "pauseP99Seconds":
      return sample.pause.p99Seconds;
    case "pauseMaxSeconds":
      return sample.pause.maxSeconds;
    default:
      return sample[metric];
  }
}

/** The charts of a GC page, each with the lines it draws together on one axis. */
export const gcPanelLines = {
  pauses: ["pauseP50Seconds", "pauseP99Seconds", "pauseMaxSeconds"],
  cycles: ["gcCyclesPerSecond"],
  heap: ["heapLiveBytes", "heapInUseBytes", "heapGoalBytes", "memoryLimitBytes"],
  gcCpu: ["gcCpuFraction"],
  gcCores: ["gcCpuCores"],
  allocRate: ["allocRateBytesPerSecond"],
  goroutines: ["goroutines"],
  rss: ["rssBytes"],
} as const satisfies Record<string, readonly GcSeriesMetric[]>;
export type GcPanelId = keyof typeof gcPanelLines;

/** Columnar: one timestamp axis shared by every line; null where a sample lacked the value. */
export interface GcPanel {
  id: string;
  timestampsMs: number[];
  lines: Array<{ key: string; values: Array<number | null> }>;
}

/**
 * Keeps at most about `maxPoints` points of the panel: each line picks its own LTTB points from
 * an equal share of the budget, and the panel keeps the union, so every line keeps its spikes
 * and all share one time axis.
 */
export function downsamplePanel(panel: GcPanel, maxPoints: number): GcPanel {
  const length = panel.timestampsMs.length;
  if (length <= maxPoints) return panel;
  const share = Math.max(2, Math.floor(maxPoints / Math.max(1, panel.lines.length)));
  const keep = new Set<number>();
  for (const line of panel.lines) {
    const ys = line.values.map((v) => (v === null ? Number.NaN : v));
    for (const index of lttbIndices(panel.timestampsMs, ys, share)) keep.add(index);
  }
  const indices = [...keep].sort((a, b) => a - b);
  return {
    id: panel.id,
    timestampsMs: indices.map((i) => panel.timestampsMs[i] as number),
    lines: panel.lines.map((line) => ({ key: line.key, values: indices.map((i) => line.values[i] ?? null) })),
  };
}

/** Every chart of one subject's GC page from its samples (oldest first), downsampled. */
export function buildGcPanels(samples: readonly ObservedGcSample[], maxPoints: number): GcPanel[] {
  const timestampsMs = samples.map((s) => s.timestampMs);
  return Object.entries(gcPanelLines).map(([id, metrics]) =>
    downsamplePanel(
      {
        id,
        timestampsMs,
        lines: metrics.map((metric) => ({ key: metric, values: samples.map((s) => metricValue(s, metric)) })),
      },
      maxPoints,
    ),
  );
}

/**
 * One metric for several subjects (instances, or a service per region) on one chart. Subjects'
 * samples are aligned by timestamp: the sources answer at multiples of the step.
 */
export function buildComparePanel(
  subjects: ReadonlyArray<{ key: string; samples: readonly ObservedGcSample[] }>,
  metric: GcSeriesMetric,
  maxPoints: number,
): GcPanel {
  const timestamps = [...new Set(subjects.flatMap((s) => s.samples.map((x) => x.timestampMs)))].sort((a, b) => a - b);
  const position = new Map(timestamps.map((t, i) => [t, i]));
  const lines = subjects.map((subject) => {
    const values: Array<number | null> = new Array(timestamps.length).fill(null);
    for (const sample of subject.samples)
      values[position.get(sample.timestampMs) as number] = metricValue(sample, metric);
    return { key: subject.key, values };
  });
  return downsamplePanel({ id: metric, timestampsMs: timestamps, lines }, maxPoints);
}

/** A runtime setting that changed between two consecutive samples: a marker on every chart. */
export interface ConfigChangeMarker {
  atMs: number;
  setting: "gogc" | "memoryLimitBytes" | "gomaxprocs";
  from: number | "off" | null;
  to: number | "off" | null;
  /** How many instances made this change at this time (1 on an instance's page). */
  instances: number;
}

/**
 * Where GOGC, GOMEMLIMIT or GOMAXPROCS changed, read from the samples themselves (so it works for
 * any source). Found before downsampling: a change is never lost between kept points. A value
 * the source did not report (null) is not a change.
 */
export function configChangeMarkers(samples: readonly ObservedGcSample[]): ConfigChangeMarker[] {
  const markers: ConfigChangeMarker[] = [];
  const settings = ["gogc", "memoryLimitBytes", "gomaxprocs"] as const;
  const last: Record<(typeof settings)[number], number | "off" | null | undefined> = {
    gogc: undefined,
    memoryLimitBytes: undefined,
    gomaxprocs: undefined,
  };
  for (const sample of samples) {
    for (const setting of settings) {
      const value = sample[setting];
      if (setting !== "memoryLimitBytes" && value === null) continue;
      const previous = last[setting];
      if (previous !== undefined && previous !== value) {
        markers.push({ atMs: sample.timestampMs, setting, from: previous, to: value, instances: 1 });
      }
      last[setting] = value;
    }
  }
  return markers;
}

/**
 * The markers of many instances (a service's page) as one list: the same change at the same time
 * is one marker counting its instances, so a canary shows as "1 instance" and a full stage as many.
 */
export function mergeConfigChangeMarkers(
  perInstance: ReadonlyArray<readonly ConfigChangeMarker[]>,
): ConfigChangeMarker[] {
  const merged = new Map<string, ConfigChangeMarker>();
  for (const markers of perInstance) {
    for (const marker of markers) {
      const key = `${marker.atMs}|${marker.setting}|${marker.from}|${marker.to}`;
      const found = merged.get(key);
      if (found) found.instances += marker.instances;
      else merged.set(key, { ...marker });
    }
  }
  return [...merged.values()].sort((a, b) => a.atMs - b.atMs || a.setting.localeCompare(b.setting));
}
