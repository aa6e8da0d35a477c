import type { ConfigChangeMarker, GcPanelId, GcSeriesMetric } from "@fleetdeck/core";
import type { ChartMarker } from "../../components/charts/time-series-model.ts";
import type { ValueUnit } from "../../components/charts/value-units.ts";
import { formatBytes, formatCount } from "../../lib/format.ts";

interface GcChartSpec {
  title: string;
  unit: ValueUnit;
  /** How each of the panel's lines is named in the legend. */
  lineLabels: Partial<Record<GcSeriesMetric, string>>;
}

/** Each GC panel the server sends, as the pages title and measure it. */
export const gcChartSpecs: Record<GcPanelId, GcChartSpec> = {
  pauses: {
    title: "Stop-the-world pauses",
    unit: "seconds",
    lineLabels: { pauseP50Seconds: "p50", pauseP99Seconds: "p99", pauseMaxSeconds: "max" },
  },
  cycles: { title: "GC cycles per second", unit: "perSecond", lineLabels: { gcCyclesPerSecond: "cycles" } },
  heap: {
    title: "Heap: live, in use, goal and limit",
    unit: "bytes",
    lineLabels: {
      heapLiveBytes: "live",
      heapInUseBytes: "in use",
      heapGoalBytes: "goal",
      memoryLimitBytes: "GOMEMLIMIT",
    },
  },
  gcCpu: { title: "GC CPU fraction", unit: "ratio", lineLabels: { gcCpuFraction: "of the CPU available" } },
  gcCores: { title: "GC CPU (cores)", unit: "cores", lineLabels: { gcCpuCores: "cores on GC" } },
  allocRate: { title: "Allocation rate", unit: "bytesPerSecond", lineLabels: { allocRateBytesPerSecond: "allocated" } },
  goroutines: { title: "Goroutines", unit: "count", lineLabels: { goroutines: "goroutines" } },
  rss: { title: "Resident memory (RSS)", unit: "bytes", lineLabels: { rssBytes: "RSS" } },
};

/** The order the charts are laid out in: latency first, then what drives it. */
export const gcChartOrder: readonly GcPanelId[] = [
  "pauses",
  "cycles",
  "heap",
  "rss",
  "gcCpu",
  "gcCores",
  "allocRate",
  "goroutines",
];

export function isGcPanelId(id: string): id is GcPanelId {
  return id in gcChartSpecs;
}

/** What compare mode can overlay, in the order the picker offers it. */
export const gcCompareMetrics: ReadonlyArray<{ metric: GcSeriesMetric; label: string; unit: ValueUnit }> = [
  { metric: "pauseP99Seconds", label: "Pause p99", unit: "seconds" },
  { metric: "pauseMaxSeconds", label: "Pause max", unit: "seconds" },
  { metric: "pauseP50Seconds", label: "Pause p50", unit: "seconds" },
  { metric: "gcCyclesPerSecond", label: "GC cycles per second", unit: "perSecond" },
  { metric: "gcCpuFraction", label: "GC CPU fraction", unit: "ratio" },
  { metric: "gcCpuCores", label: "GC CPU (cores)", unit: "cores" },
  { metric: "heapLiveBytes", label: "Heap live", unit: "bytes" },
  { metric: "heapInUseBytes", label: "Heap in use", unit: "bytes" },
  { metric: "heapGoalBytes", label: "Heap goal", unit: "bytes" },
  { metric: "memoryLimitBytes", label: "GOMEMLIMIT", unit: "bytes" },
  { metric: "allocRateBytesPerSecond", label: "Allocation rate", unit: "bytesPerSecond" },
  { metric: "goroutines", label: "Goroutines", unit: "count" },
  { metric: "rssBytes", label: "Resident memory (RSS)", unit: "bytes" },
];

export const defaultCompareMetric: GcSeriesMetric = "pauseP99Seconds";

export function compareMetricSpec(metric: GcSeriesMetric) {
  return gcCompareMetrics.find((m) => m.metric === metric) ?? { metric, label: metric, unit: "count" as const };
}

const settingNames: Record<ConfigChangeMarker["setting"], string> = {
  gogc: "GOGC",
  memoryLimitBytes: "GOMEMLIMIT",
  gomaxprocs: "GOMAXPROCS",
};

function settingValue(setting: ConfigChangeMarker["setting"], value: ConfigChangeMarker["from"]): string {
  if (value === null) return "none";
  if (value === "off") return "off";
  return setting === "memoryLimitBytes" ? formatBytes(value) : String(value);
}

const instancesText = (count: number) => `${formatCount(count)} ${count === 1 ? "instance" : "instances"}`;

/**
 * A runtime setting's change as a chart marker: "GOGC 100 → 200, 3 instances" (the count left out
 * on an instance's own page), "GOGC → 200" beside the line.
 */
export function configChangeChartMarker(marker: ConfigChangeMarker, { perInstance = false } = {}): ChartMarker {
  const name = settingNames[marker.setting];
  const to = settingValue(marker.setting, marker.to);
  const change = `${name} ${settingValue(marker.setting, marker.from)} → ${to}`;
  return {
    atMs: marker.atMs,
    label: perInstance ? change : `${change}, ${instancesText(marker.instances)}`,
    shortLabel: `${name} → ${to}`,
  };
}

/** A metric the source could not give, in words: "go_memstats_next_gc_bytes is missing … (3 of 12 instances)". */
export function missingNoteText(
  note: { message: string; instanceIds: readonly string[] },
  instances: number | null,
): string {
  if (instances === null) return note.message;
  const count = note.instanceIds.length;
  return `${note.message} (${count === instances ? "all" : formatCount(count)} of ${instancesText(instances)})`;
}
