import {
  chooseStepMs,
  type GateMetric,
  type MetricWindow,
  type ObservedGcSample,
  type ObservedInstance,
} from "@fleetdeck/core";
import type { ObservedFleetSource } from "@fleetdeck/sources";
import type { SourceRegistry } from "../sources/source-registry.ts";

/** Points per instance a gate window is read at: enough for a mean, few enough for 10,000 instances. */
const pointsPerWindow = 30;
/** Instances whose series are read at once. */
const batchSize = 16;

/**
 * Reads what the gates compare, per instance over a window, from the source that runs them. GC
 * metrics come from every source; request errors and latency need metrics no GC source reports
 * per instance, so those gates find no data (inconclusive, never a pass).
 */
export class GateMetricsReader {
  constructor(private readonly sources: SourceRegistry) {}

  async read(
    source: ObservedFleetSource,
    instances: readonly Pick<ObservedInstance, "id" | "memoryLimitBytes">[],
    window: { startMs: number; endMs: number },
  ): Promise<MetricWindow> {
    const metrics: Record<GateMetric, Record<string, number[]>> = {
      gcPauseP99: {},
      gcCpuFraction: {},
      heapToLimit: {},
      errorRatio: {},
      latencyP99: {},
    };
    const span = window.endMs - window.startMs;
    if (!(span > 0) || instances.length === 0) return {};
    const stepMs = chooseStepMs(span, pointsPerWindow);
    const range = {
      startMs: Math.ceil(window.startMs / stepMs) * stepMs,
      endMs: Math.floor(window.endMs / stepMs) * stepMs,
      stepMs,
    };
    if (range.endMs < range.startMs) return {};
    for (let first = 0; first < instances.length; first += batchSize) {
      const batch = instances.slice(first, first + batchSize);
      const series = await Promise.all(
        batch.map((instance) => this.sources.call(source, "gate metrics", (s) => s.gcSeries(instance.id, range))),
      );
      batch.forEach((instance, index) => {
        const samples = series[index] as ObservedGcSample[];
        metrics.gcPauseP99[instance.id] = samples.map((s) => s.pause.p99Seconds ?? Number.NaN);
        metrics.gcCpuFraction[instance.id] = samples.map((s) => s.gcCpuFraction ?? Number.NaN);
        metrics.heapToLimit[instance.id] = samples.map((s) => heapToLimit(s, instance.memoryLimitBytes ?? null));
      });
    }
    return { gcPauseP99: metrics.gcPauseP99, gcCpuFraction: metrics.gcCpuFraction, heapToLimit: metrics.heapToLimit };
  }
}

/** Heap in use over GOMEMLIMIT, else over the container's limit; NaN without either. */
function heapToLimit(sample: ObservedGcSample, containerLimitBytes: number | null): number {
  const limit = sample.memoryLimitBytes ?? containerLimitBytes;
  if (sample.heapInUseBytes === null || !limit) return Number.NaN;
  return sample.heapInUseBytes / limit;
}
