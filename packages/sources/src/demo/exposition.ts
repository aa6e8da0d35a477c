import type { GcSample, PauseQuantiles } from "@fleetdeck/core";

/**
 * A demo instance's Go runtime in the Prometheus text format (version 0.0.4), under the metric
 * names and types of client_golang's Go and process collectors, so that a real Prometheus
 * scraping the demo fleet reads it as it would read a real service.
 *
 * The demo's services run client_golang v1.20 with runtime/metrics rules enabled where their Go
 * version has the metric: Go 1.20+ adds go_cpu_classes_*, Go 1.21+ go_gc_gogc_percent,
 * go_gc_gomemlimit_bytes, go_sched_gomaxprocs_threads and go_gc_heap_live_bytes, Go 1.22+ the
 * pause histogram go_sched_pauses_total_gc_seconds. Older ones expose the classic set only, as
 * real fleets do, so the Prometheus source meets both.
 */
export interface GoRuntimeExposition {
  sample: GcSample;
  goVersion: string;
  processStartTimeSeconds: number;
  /** Cumulative since process start, at the sample's time. */
  counters: GoRuntimeCounters;
  /**
   * Stamps every sample with the sample's time. A real runtime reads its counters when scraped;
   * the demo computes them for an instant, and without the stamp Prometheus would file them
   * under the scrape's start, so a slow answer would skew every rate. (Prometheus then keeps a
   * vanished target's series until its lookback ends instead of marking them stale.)
   */
  stampSamples?: boolean;
}

export interface GoRuntimeCounters {
  gcCycles: number;
  gcPauseSeconds: number;
  allocatedBytes: number;
  cpuSeconds: number;
  gcCpuSeconds: number;
  /** The runtime's total CPU class: GOMAXPROCS × wall time. */
  totalCpuSeconds: number;
  /** Cumulative pause counts per bound of pauseHistogramBoundsSeconds (without +Inf: that is gcCycles). */
  pauseBucketCounts: readonly number[];
}

/** Bounds of the pause histogram: tens of microseconds to a second, three per decade. */
export const pauseHistogramBoundsSeconds: readonly number[] = [
  1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 5e-2, 0.1, 0.25, 0.5, 1,
];

/** runtime/debug's "no limit": math.MaxInt64, which is what go_gc_gomemlimit_bytes then reads. */
const noMemoryLimitBytes = 2 ** 63 - 1;

export function renderGoRuntimeExposition(input: GoRuntimeExposition): string {
  const { sample, counters } = input;
  const minor = goMinorVersion(input.goVersion);
  const families: MetricFamily[] = [
    summary(
      "go_gc_duration_seconds",
      "A summary of the wall-time pause (stop-the-world) duration in garbage collection cycles.",
      summaryQuantiles(sample.pause),
      counters.gcPauseSeconds,
      counters.gcCycles,
    ),
    gauge("go_goroutines", "Number of goroutines that currently exist.", sample.goroutines),
    gauge("go_info", "Information about the Go environment.", 1, { version: input.goVersion }),
    gauge("go_memstats_alloc_bytes", "Number of heap bytes allocated and currently in use.", sample.heapInUseBytes),
    counter(
      "go_memstats_alloc_bytes_total",
      "Total number of heap bytes allocated, even if freed.",
      counters.allocatedBytes,
    ),
    gauge(
      "go_memstats_heap_alloc_bytes",
      "Number of heap bytes allocated and currently in use.",
      sample.heapInUseBytes,
    ),
    gauge("go_memstats_heap_inuse_bytes", "Number of heap bytes that are in use.", sample.heapInUseBytes),
    gauge(
      "go_memstats_last_gc_time_seconds",
      "Number of seconds since 1970 of last garbage collection.",
      lastGcTimeSeconds(sample, counters.gcCycles),
    ),
    gauge(
      "go_memstats_next_gc_bytes",
      "Number of heap bytes when next garbage collection will take place.",
      sample.heapGoalBytes,
    ),
    gauge("go_memstats_sys_bytes", "Number of bytes obtained from system.", sample.rssBytes),
    gauge("go_threads", "Number of OS threads created.", sample.gomaxprocs + 4),
    counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", counters.cpuSeconds),
    gauge("process_resident_memory_bytes", "Resident memory size in bytes.", sample.rssBytes),
    gauge(
      "process_start_time_seconds",
      "Start time of the process since unix epoch in seconds.",
      input.processStartTimeSeconds,
    ),
  ];
  if (minor >= 20) {
    families.push(
      counter(
        "go_cpu_classes_gc_total_cpu_seconds_total",
        "Estimated total CPU time spent performing GC tasks.",
        counters.gcCpuSeconds,
      ),
      counter(
        "go_cpu_classes_total_cpu_seconds_total",
        "Estimated total available CPU time for user Go code or the Go runtime, as defined by GOMAXPROCS.",
        counters.totalCpuSeconds,
      ),
    );
  }
  if (minor >= 21) {
    families.push(
      gauge(
        "go_gc_gogc_percent",
        "Heap size target percentage configured by the user, otherwise 100.",
        sample.gogc === "off" ? -1 : sample.gogc,
      ),
      gauge(
        "go_gc_gomemlimit_bytes",
        "Go runtime memory limit configured by the user, otherwise math.MaxInt64.",
        sample.memoryLimitBytes ?? noMemoryLimitBytes,
      ),
      gauge(
        "go_gc_heap_live_bytes",
        "Heap memory occupied by live objects that were marked by the previous GC.",
        sample.heapLiveBytes,
      ),
      gauge("go_sched_gomaxprocs_threads", "The current runtime.GOMAXPROCS setting.", sample.gomaxprocs),
    );
  }
  if (minor >= 22) {
    families.push(
      histogram(
        "go_sched_pauses_total_gc_seconds",
        "Distribution of individual GC-related stop-the-world pause latencies.",
        pauseHistogramBoundsSeconds,
        counters.pauseBucketCounts,
        counters.gcCycles,
        counters.gcPauseSeconds,
      ),
    );
  }
  families.sort((a, b) => (a.name < b.name ? -1 : 1));
  return renderMetricFamilies(families, input.stampSamples ? sample.timestampMs : undefined);
}

/** 22 for "go1.22.12"; 0 when the version does not parse, which exposes the classic set only. */
export function goMinorVersion(goVersion: string): number {
  const match = /^go1\.(\d+)/.exec(goVersion);
  return match?.[1] ? Number(match[1]) : 0;
}

/** client_golang's summary quantiles of go_gc_duration_seconds: 0, ¼, ½, ¾ and 1. */
function summaryQuantiles(pause: PauseQuantiles): [string, number][] {
  return [
    ["0", pause.minSeconds],
    ["0.25", pause.p25Seconds],
    ["0.5", pause.p50Seconds],
    ["0.75", pause.p75Seconds],
    ["1", pause.maxSeconds],
  ];
}

/** The cycle counter's fractional part is how far the runtime is into the current cycle. */
function lastGcTimeSeconds(sample: GcSample, gcCycles: number): number {
  const sinceLastSeconds = sample.gcCyclesPerSecond > 0 ? (gcCycles % 1) / sample.gcCyclesPerSecond : 0;
  return sample.timestampMs / 1000 - sinceLastSeconds;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: "counter" | "gauge" | "summary" | "histogram";
  samples: { suffix?: string; labels?: Record<string, string>; value: number }[];
}

function gauge(name: string, help: string, value: number, labels?: Record<string, string>): MetricFamily {
  return { name, help, type: "gauge", samples: [{ value, ...(labels ? { labels } : {}) }] };
}

function counter(name: string, help: string, value: number): MetricFamily {
  return { name, help, type: "counter", samples: [{ value }] };
}

function summary(name: string, help: string, quantiles: [string, number][], sum: number, count: number): MetricFamily {
  return {
    name,
    help,
    type: "summary",
    samples: [
      ...quantiles.map(([quantile, value]) => ({ labels: { quantile }, value })),
      { suffix: "_sum", value: sum },
      { suffix: "_count", value: count },
    ],
  };
}

function histogram(
  name: string,
  help: string,
  bounds: readonly number[],
  cumulativeCounts: readonly number[],
  count: number,
  sum: number,
): MetricFamily {
  return {
    name,
    help,
    type: "histogram",
    samples: [
      ...bounds.map((bound, index) => ({
        suffix: "_bucket",
        labels: { le: formatValue(bound) },
        value: Math.min(cumulativeCounts[index] ?? count, count),
      })),
      { suffix: "_bucket", labels: { le: "+Inf" }, value: count },
      { suffix: "_sum", value: sum },
      { suffix: "_count", value: count },
    ],
  };
}

/** The text exposition format, one family after another with its HELP and TYPE lines. */
export function renderMetricFamilies(families: readonly MetricFamily[], timestampMs?: number): string {
  const stamp = timestampMs === undefined ? "" : ` ${Math.round(timestampMs)}`;
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const labels = sample.labels ? Object.entries(sample.labels) : [];
      const labelText =
        labels.length === 0
          ? ""
          : `{${labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(",")}}`;
      lines.push(`${family.name}${sample.suffix ?? ""}${labelText} ${formatValue(sample.value)}${stamp}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Label values escape backslash, double quote and line feed (text format 0.0.4). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** HELP text escapes backslash and line feed only. */
function escapeHelp(help: string): string {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** Go-style floats: +Inf, -Inf and NaN spelled out, everything else as the shortest round-trip number. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}
