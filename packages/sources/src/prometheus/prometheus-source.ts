import type { ObservedGcSample, ObservedInventory, ServiceEdge } from "@fleetdeck/core";
import { seriesTimestamps } from "../demo/series-timestamps.ts";
import type { Clock, ObservedFleetSource, ProfileCaptureRequest, TimeRange } from "../fleet-source.ts";
import { fetchPprofProfile } from "../profiles/fetch-pprof-profile.ts";
import { type AssemblyContext, assembleGcSample, type InstanceReadings } from "./assemble-gc-sample.ts";
import { type DiscoveredFleet, discoverInstances, entityIdOf, pprofUrlLabel } from "./discover-instances.ts";
import {
  combinedGcQueryText,
  type GcQueryKey,
  gcQueryCatalog,
  gcQueryKeys,
  gcQueryText,
  matcherBlock,
  type QueryScope,
  splitCombinedVector,
} from "./gc-queries.ts";
import { PrometheusApiError } from "./prometheus-api-error.ts";
import type { ActiveTarget, LabelSet, SamplePoint } from "./prometheus-api-schemas.ts";
import { PrometheusClient, type PrometheusClientOptions } from "./prometheus-client.ts";
import type { PrometheusSourceConfig } from "./prometheus-source-config.ts";

export interface PrometheusSourceOptions {
  /** "Now" for discovery and ping; the wall clock unless a test passes its own. */
  clock?: Clock;
  backoff?: PrometheusClientOptions["backoff"];
}

/** Asking about more instances than this queries them all and keeps the ones asked for. */
const maxInstancesInSelector = 200;

/** How many scrape intervals old a discovery may be and still answer while a new one runs. */
const maxStaleDiscoveryIntervals = 10;

const systemClock: Clock = { nowMs: () => Date.now() };

/**
 * The fleet as a Prometheus-compatible backend sees it: instances from series labels, GC samples
 * from client_golang's metrics, one query per metric for all instances. Read-only: runtime
 * config is changed through the services themselves, not through their metrics.
 */
export class PrometheusSource implements ObservedFleetSource {
  readonly kind = "prometheus" as const;
  private readonly client: PrometheusClient;
  private readonly clock: Clock;
  /** The last discovery that finished, and when it started. */
  private discovered: (DiscoveredFleet & { startedAtMs: number }) | null = null;
  /** The discovery in flight or last finished, and when it started: reused for one scrape interval. */
  private discovery: { startedAtMs: number; result: Promise<DiscoveredFleet> } | null = null;

  constructor(
    private readonly config: PrometheusSourceConfig,
    options: PrometheusSourceOptions = {},
  ) {
    this.client = new PrometheusClient({
      sourceId: config.id,
      url: config.url,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      ...(config.auth ? { auth: config.auth } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
    });
    this.clock = options.clock ?? systemClock;
  }

  get id(): string {
    return this.config.id;
  }

  /** The API root without credentials, for the console's settings page. */
  get url(): string {
    return this.client.baseUrl;
  }

  /** Rates are averaged over four scrape intervals, as Prometheus advises for rate(). */
  get rateWindowSeconds(): number {
    return 4 * this.config.scrapeIntervalSeconds;
  }

  async ping(): Promise<void> {
    await this.client.instantQuery("vector(1)", this.clock.nowMs());
  }

  /**
   * Instances that reported go_goroutines within the last four scrape intervals. Labels and
   * targets change at most once per scrape, so one discovery serves every request within a
   * scrape interval, and concurrent requests share the one in flight. Past that, requests answer
   * from the last discovery while a new one runs behind them (reading every target's labels is
   * the costliest call a request could wait for), unless the last one is older than
   * `maxStaleDiscoveryIntervals` scrape intervals: then they wait for the new one.
   */
  async inventory(): Promise<ObservedInventory> {
    const nowMs = this.clock.nowMs();
    const intervalMs = this.config.scrapeIntervalSeconds * 1000;
    const latest = this.discovery;
    if (latest && nowMs - latest.startedAtMs < intervalMs) {
      return (this.discovered ?? (await latest.result)).inventory;
    }
    const refresh = this.discover(nowMs);
    const last = this.discovered;
    if (last && nowMs - last.startedAtMs < maxStaleDiscoveryIntervals * intervalMs) {
      // Its failure is not lost: the next request past the interval asks again.
      refresh.catch(() => {});
      return last.inventory;
    }
    return (await refresh).inventory;
  }

  private discover(nowMs: number): Promise<DiscoveredFleet> {
    const result = this.readDiscovery(nowMs).then((discovered) => {
      if (!this.discovered || this.discovered.startedAtMs <= nowMs)
        this.discovered = { ...discovered, startedAtMs: nowMs };
      return discovered;
    });
    const entry = { startedAtMs: nowMs, result };
    this.discovery = entry;
    // A failed discovery is not reused: the next request asks again.
    result.catch(() => {
      if (this.discovery === entry) this.discovery = null;
    });
    return result;
  }

  private async readDiscovery(nowMs: number): Promise<DiscoveredFleet> {
    const window = { startMs: nowMs - this.rateWindowSeconds * 1000, endMs: nowMs };
    const matchers = matcherBlock({ matchers: this.config.matchers, instanceLabel: this.config.labels.instance });
    const [series, targets] = await Promise.all([
      this.client.series([`go_goroutines${matchers}`, `go_info${matchers}`], window),
      this.activeTargetsIfAny(),
    ]);
    const discovered = discoverInstances({
      sourceId: this.config.id,
      labels: this.config.labels,
      defaults: this.config.defaults,
      processSeries: series.filter((labels) => labels.__name__ === "go_goroutines"),
      goInfoSeries: series.filter((labels) => labels.__name__ === "go_info"),
      targets: targets.targets,
    });
    if (targets.warning) discovered.inventory.warnings?.push({ message: targets.warning, instanceIds: [] });
    return discovered;
  }

  /** Service edges need mesh or tracing metrics, which this source does not read. */
  async serviceEdges(_atMs: number): Promise<ServiceEdge[]> {
    return [];
  }

  async gcSnapshot(atMs: number, instanceIds?: readonly string[]): Promise<ObservedGcSample[]> {
    const wanted = instanceIds ? await this.instanceLabelValuesOf(instanceIds) : null;
    const scope = this.scope(wanted && wanted.size <= maxInstancesInSelector ? [...wanted.values()] : undefined);
    const { results, failedQueries } = await this.snapshotVectors(scope, atMs);

    const readings = new Map<string, SnapshotReadings>();
    for (const [key, vector] of results) {
      for (const { metric, value } of vector.result) {
        const instanceLabel = metric[this.config.labels.instance];
        if (instanceLabel === undefined || Number.isNaN(value.value)) continue;
        readingsIn(readings, instanceLabel).record(key, metric, value.value);
      }
    }

    const context: AssemblyContext = { rateWindowSeconds: this.rateWindowSeconds, failedQueries };
    const samples: ObservedGcSample[] = [];
    if (wanted) {
      for (const [id, instanceLabel] of wanted) {
        const entry = readings.get(instanceLabel);
        if (entry) samples.push(assembleGcSample(id, atMs, entry, context));
      }
      return samples;
    }
    // Non-Go exporters share the process_* names: only a Go runtime's metrics make an instance.
    for (const [instanceLabel, entry] of readings) {
      if (entry.hasGoRuntime()) samples.push(assembleGcSample(entityIdOf(instanceLabel), atMs, entry, context));
    }
    return samples;
  }

  /**
   * One instance over a range at the range's step (aligned to multiples of it, as every source
   * does). Steps where Prometheus has no data at all (before the process started, during an
   * outage) are left out, so charts show a gap rather than a run of empty samples.
   */
  async gcSeries(instanceId: string, range: TimeRange): Promise<ObservedGcSample[]> {
    const timestamps = seriesTimestamps(range);
    const labelValue = (await this.instanceLabelValuesOf([instanceId])).get(instanceId);
    const first = timestamps[0];
    const last = timestamps[timestamps.length - 1];
    if (labelValue === undefined || first === undefined || last === undefined) return [];
    const scope = this.scope([labelValue]);
    const queryRange = { startMs: first, endMs: last, stepMs: range.stepMs };
    const { results, failedQueries } = await this.runAll((key) =>
      this.client.rangeQuery(gcQueryText(key, scope), queryRange),
    );

    const byTime = new Map<number, SnapshotReadings>();
    for (const [key, matrix] of results) {
      for (const { metric, values } of matrix.result) {
        if (metric[this.config.labels.instance] !== labelValue) continue;
        for (const point of values) recordPoint(byTime, key, metric, point);
      }
    }
    const context: AssemblyContext = { rateWindowSeconds: this.rateWindowSeconds, failedQueries };
    return timestamps.flatMap((tMs) => {
      const readings = byTime.get(tMs);
      return readings ? [assembleGcSample(instanceId, tMs, readings, context)] : [];
    });
  }

  /**
   * Captures from the instance's net/http/pprof, found through its scrape target: the
   * fleetdeck_pprof_url label when set, else /debug/pprof at the scrape address.
   */
  async captureProfile(instanceId: string, request: ProfileCaptureRequest, signal: AbortSignal): Promise<Uint8Array> {
    await this.instanceLabelValuesOf([instanceId]);
    const instance = this.discovered?.inventory.instances.find((candidate) => candidate.id === instanceId);
    if (!instance?.pprofUrl) {
      throw new Error(
        `prometheus source "${this.config.id}" does not know where instance "${instanceId}" serves pprof: ` +
          `Prometheus lists no active target for it; label the target with ${pprofUrlLabel}="<base URL of /debug/pprof>"`,
      );
    }
    const { timeoutMs, maxBytes, bearerToken } = this.config.pprof;
    return fetchPprofProfile({
      baseUrl: instance.pprofUrl,
      kind: request.kind,
      seconds: request.seconds,
      signal,
      timeoutMs,
      maxBytes,
      instanceId,
      ...(bearerToken ? { headers: { authorization: `Bearer ${bearerToken}` } } : {}),
    });
  }

  private scope(instanceLabelValues: readonly string[] | undefined): QueryScope {
    return {
      matchers: this.config.matchers,
      instanceLabel: this.config.labels.instance,
      rateWindowSeconds: this.rateWindowSeconds,
      ...(instanceLabelValues ? { instanceLabelValues } : {}),
    };
  }

  /**
   * Every metric's vector at atMs, asked as one combined query. When Prometheus refuses that
   * (one part failing fails the whole expression), each metric is asked on its own, so the others
   * still answer and the failure is noted on its metric. An unreachable Prometheus is not asked again.
   */
  private async snapshotVectors(scope: QueryScope, atMs: number) {
    try {
      const combined = await this.client.instantQuery(combinedGcQueryText(scope), atMs);
      return { results: splitCombinedVector(combined), failedQueries: new Map<GcQueryKey, string>() };
    } catch (error) {
      if (!(error instanceof PrometheusApiError) || (error.failure !== "query" && error.failure !== "http"))
        throw error;
      return this.runAll((key) => this.client.instantQuery(gcQueryText(key, scope), atMs));
    }
  }

  /**
   * Every query at once. One failing query (a slow histogram_quantile, say) leaves its fields
   * missing with the reason; only when all fail is the source down, and the first error says why.
   */
  private async runAll<Result>(run: (key: GcQueryKey) => Promise<Result>) {
    const settled = await Promise.allSettled(gcQueryKeys.map(run));
    const results = new Map<GcQueryKey, Result>();
    const failedQueries = new Map<GcQueryKey, string>();
    const errors: unknown[] = [];
    settled.forEach((outcome, index) => {
      const key = gcQueryKeys[index] as GcQueryKey;
      if (outcome.status === "fulfilled") results.set(key, outcome.value);
      else {
        errors.push(outcome.reason);
        failedQueries.set(key, outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason));
      }
    });
    if (results.size === 0) throw errors[0];
    return { results, failedQueries };
  }

  /** Id → instance label value for the ids asked about; rediscovers once before naming unknown ids. */
  private async instanceLabelValuesOf(instanceIds: readonly string[]): Promise<Map<string, string>> {
    const lookup = () => {
      const known = this.discovered?.instanceLabelValues;
      return instanceIds.filter((id) => !known?.has(id));
    };
    // An id the last discovery did not know may be new: look again before calling it unknown.
    if (lookup().length > 0) await this.discover(this.clock.nowMs());
    const unknown = lookup();
    if (unknown.length > 0) {
      throw new Error(
        `prometheus source "${this.config.id}" has no instance ${unknown.map((id) => `"${id}"`).join(", ")}`,
      );
    }
    const known = this.discovered?.instanceLabelValues ?? new Map<string, string>();
    return new Map(instanceIds.map((id) => [id, known.get(id) as string]));
  }

  /** Only Prometheus itself has /api/v1/targets; query frontends answer 404 and that is fine. */
  private async activeTargetsIfAny(): Promise<{ targets: ActiveTarget[] | null; warning?: string }> {
    try {
      return { targets: await this.client.activeTargets() };
    } catch (error) {
      if (error instanceof PrometheusApiError && error.status === 404) return { targets: null };
      return { targets: null, warning: `target health unknown: ${(error as Error).message}` };
    }
  }
}

/** Readings of one instance: gauges and rates by query, summary quantiles by quantile. */
class SnapshotReadings implements InstanceReadings {
  private readonly values = new Map<GcQueryKey, number>();
  private readonly quantiles = new Map<number, number>();

  /** The queries already keep one series per instance (and quantile); repeats are ignored. */
  record(key: GcQueryKey, metric: LabelSet, value: number) {
    if (key === "pauseQuantiles") {
      const quantile = Number(metric.quantile);
      if (!this.quantiles.has(quantile)) this.quantiles.set(quantile, value);
    } else if (!this.values.has(key)) {
      this.values.set(key, value);
    }
  }

  hasGoRuntime(): boolean {
    if (this.quantiles.size > 0) return true;
    for (const key of this.values.keys()) if (gcQueryCatalog[key].metric.startsWith("go_")) return true;
    return false;
  }

  value(key: Exclude<GcQueryKey, "pauseQuantiles">): number | undefined {
    return this.values.get(key);
  }

  pauseQuantile(quantile: number): number | undefined {
    return this.quantiles.get(quantile);
  }
}

function recordPoint(byTime: Map<number, SnapshotReadings>, key: GcQueryKey, metric: LabelSet, point: SamplePoint) {
  if (!Number.isNaN(point.value)) readingsIn(byTime, point.timestampMs).record(key, metric, point.value);
}

function readingsIn<Key>(map: Map<Key, SnapshotReadings>, key: Key): SnapshotReadings {
  const existing = map.get(key);
  if (existing) return existing;
  const created = new SnapshotReadings();
  map.set(key, created);
  return created;
}

/** The metric names a sample reads, for documentation and for the console's source details. */
export const prometheusGcMetricNames = [...new Set(Object.values(gcQueryCatalog).map((query) => query.metric))];
