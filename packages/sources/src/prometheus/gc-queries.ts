import type { InstantVector } from "./prometheus-api-schemas.ts";

/**
 * The PromQL behind a GC sample: one query per metric for all instances at once (10,000
 * instances are 15 queries, not 150,000), on the metric names of client_golang's Go and process
 * collectors. Which names a service exposes depends on its client_golang and Go versions:
 *
 * - every version: go_gc_duration_seconds (summary of stop-the-world pauses), go_goroutines,
 *   go_memstats_* (heap in use, next GC = the heap goal, bytes allocated), and on Linux the
 *   process collector's process_cpu_seconds_total and process_resident_memory_bytes;
 * - client_golang v1.20+ on Go 1.21+ by default: go_gc_gogc_percent, go_gc_gomemlimit_bytes,
 *   go_sched_gomaxprocs_threads;
 * - only when the service enables runtime/metrics rules in its Go collector: Go 1.20+
 *   go_cpu_classes_* (GC CPU, measured), Go 1.21+ go_gc_heap_live_bytes, Go 1.22+ the pause
 *   histogram go_sched_pauses_total_gc_seconds.
 */

export type GcQueryKey =
  | "goroutines"
  | "heapInUse"
  | "heapGoal"
  | "heapLive"
  | "rss"
  | "gogc"
  | "memoryLimit"
  | "gomaxprocs"
  | "gcCycles"
  | "pauseQuantiles"
  | "pauseP99"
  | "allocRate"
  | "cpuUsage"
  | "gcCpu"
  | "totalCpu";

type QueryShape = "gauge" | "rate" | "histogramP99";

interface GcQuery {
  metric: string;
  shape: QueryShape;
  /** Who exposes the metric: said in the note when an instance lacks it. */
  exposedBy: string;
  /** Labels besides the instance's that tell the series of one instance apart. */
  byLabels?: readonly string[];
}

export const gcQueryCatalog: Readonly<Record<GcQueryKey, GcQuery>> = {
  goroutines: { metric: "go_goroutines", shape: "gauge", exposedBy: "every client_golang Go collector" },
  heapInUse: { metric: "go_memstats_heap_inuse_bytes", shape: "gauge", exposedBy: "every client_golang Go collector" },
  heapGoal: { metric: "go_memstats_next_gc_bytes", shape: "gauge", exposedBy: "every client_golang Go collector" },
  heapLive: {
    metric: "go_gc_heap_live_bytes",
    shape: "gauge",
    exposedBy: "Go 1.21+ services with runtime/metrics enabled in their Go collector",
  },
  rss: {
    metric: "process_resident_memory_bytes",
    shape: "gauge",
    exposedBy: "client_golang's process collector (Linux)",
  },
  gogc: { metric: "go_gc_gogc_percent", shape: "gauge", exposedBy: "client_golang v1.20+ on Go 1.21+" },
  memoryLimit: { metric: "go_gc_gomemlimit_bytes", shape: "gauge", exposedBy: "client_golang v1.20+ on Go 1.21+" },
  gomaxprocs: { metric: "go_sched_gomaxprocs_threads", shape: "gauge", exposedBy: "client_golang v1.20+ on Go 1.21+" },
  gcCycles: { metric: "go_gc_duration_seconds_count", shape: "rate", exposedBy: "every client_golang Go collector" },
  pauseQuantiles: {
    metric: "go_gc_duration_seconds",
    shape: "gauge",
    exposedBy: "every client_golang Go collector",
    byLabels: ["quantile"],
  },
  pauseP99: {
    metric: "go_sched_pauses_total_gc_seconds_bucket",
    shape: "histogramP99",
    exposedBy: "Go 1.22+ services with runtime/metrics enabled in their Go collector",
  },
  allocRate: { metric: "go_memstats_alloc_bytes_total", shape: "rate", exposedBy: "every client_golang Go collector" },
  cpuUsage: {
    metric: "process_cpu_seconds_total",
    shape: "rate",
    exposedBy: "client_golang's process collector (Linux)",
  },
  gcCpu: {
    metric: "go_cpu_classes_gc_total_cpu_seconds_total",
    shape: "rate",
    exposedBy: "Go 1.20+ services with runtime/metrics enabled in their Go collector",
  },
  totalCpu: {
    metric: "go_cpu_classes_total_cpu_seconds_total",
    shape: "rate",
    exposedBy: "Go 1.20+ services with runtime/metrics enabled in their Go collector",
  },
};

export const gcQueryKeys = Object.keys(gcQueryCatalog) as GcQueryKey[];

export interface QueryScope {
  /** Label matchers from the source's config, e.g. `job=~"api|etcd"`. */
  matchers: readonly string[];
  /** The label that identifies an instance; the histogram's sum keeps it. */
  instanceLabel: string;
  /** Only these instance label values, when a caller asks about a few instances. */
  instanceLabelValues?: readonly string[];
  /** Rates are averaged over this window: four scrape intervals, as Prometheus advises. */
  rateWindowSeconds: number;
}

/**
 * The PromQL for one metric of every instance in scope, one series per instance: only the
 * instance label (and what tells an instance's series apart) comes back, since discovery already
 * knows where each instance runs. Targets carry many labels (region, node, pprof URL, …), and
 * repeating them on every series made the answers several times larger to encode, send and
 * parse. When two series share an instance label (two jobs scraping one process), the larger
 * value wins.
 */
export function gcQueryText(key: GcQueryKey, scope: QueryScope): string {
  const { metric, shape, byLabels = [] } = gcQueryCatalog[key];
  const selector = `${metric}${matcherBlock(scope)}`;
  const window = `[${formatSeconds(scope.rateWindowSeconds)}]`;
  const perInstance = [scope.instanceLabel, ...byLabels].join(", ");
  switch (shape) {
    case "gauge":
      return `max by (${perInstance}) (${selector})`;
    case "rate":
      return `max by (${perInstance}) (rate(${selector}${window}))`;
    case "histogramP99":
      return `histogram_quantile(0.99, sum by (le, ${perInstance}) (rate(${selector}${window})))`;
  }
}

/** The label a combined query tags each metric's series with. */
export const combinedQueryLabel = "fleetdeck_query";

/**
 * Every GC metric in one PromQL expression: each metric's query tagged with its key by
 * label_replace and joined by `or`, which keeps every series since the tags differ. One answer
 * instead of fifteen is one HTTP exchange, one gzip stream and one parse per snapshot; most of
 * what the console spent per snapshot was that per-answer overhead, not the data.
 */
export function combinedGcQueryText(scope: QueryScope): string {
  return gcQueryKeys
    .map(
      (key) =>
        `label_replace(${gcQueryText(key, scope)}, ${promqlString(combinedQueryLabel)}, ${promqlString(key)}, ${promqlString(scope.instanceLabel)}, ".*")`,
    )
    .join(" or ");
}

/**
 * The combined answer split back into one vector per metric, without the tag. Every metric gets
 * a vector, empty when no instance has it, as its own query would have answered.
 */
export function splitCombinedVector(combined: InstantVector): Map<GcQueryKey, InstantVector> {
  const vectors = new Map<GcQueryKey, InstantVector>(
    gcQueryKeys.map((key) => [key, { resultType: "vector", result: [] }]),
  );
  for (const series of combined.result) {
    const vector = vectors.get(series.metric[combinedQueryLabel] as GcQueryKey);
    if (!vector) continue;
    const { [combinedQueryLabel]: _tag, ...metric } = series.metric;
    vector.result.push({ metric, value: series.value });
  }
  return vectors;
}

/** `{job="etcd",instance=~"a|b"}`, or nothing when there is nothing to match. */
export function matcherBlock(scope: Pick<QueryScope, "matchers" | "instanceLabel" | "instanceLabelValues">): string {
  const matchers = scope.matchers.map((matcher) => matcher.trim());
  if (scope.instanceLabelValues) {
    matchers.push(`${scope.instanceLabel}=~${promqlString(anyOf(scope.instanceLabelValues))}`);
  }
  return matchers.length === 0 ? "" : `{${matchers.join(",")}}`;
}

/** A regular expression (RE2) matching exactly one of the values. */
export function anyOf(values: readonly string[]): string {
  return values.map((value) => value.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&")).join("|");
}

/** A PromQL double-quoted string literal. */
export function promqlString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds}s` : `${Math.round(seconds * 1000)}ms`;
}
