import { type GcSample, type Instance, ObservedGcSample, ObservedInventory } from "@fleetdeck/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoFleet, type DemoFleet } from "../demo/demo-fleet.ts";
import { goMinorVersion, pauseHistogramBoundsSeconds } from "../demo/exposition.ts";
import { type ServedDemoMetrics, serveDemoMetrics } from "../testing/serve-demo-metrics.ts";
import { type StartedEtcd, startEtcd } from "../testing/start-etcd.ts";
import { type StartedPrometheus, startPrometheus } from "../testing/start-prometheus.ts";
import { type GcQueryKey, gcQueryText } from "./gc-queries.ts";
import { PrometheusSource } from "./prometheus-source.ts";
import { PrometheusSourceConfig } from "./prometheus-source-config.ts";

/**
 * A real etcd (Go 1.19, classic client_golang metrics) and a real Prometheus scraping it, itself,
 * and five demo instances served over HTTP; the source must read back what a direct PromQL query
 * returns, and for the demo instances what the demo model says.
 */
const clock = { nowMs: () => Date.now() };
let fleet: DemoFleet;
let demoInstances: Instance[];
let demo: ServedDemoMetrics | undefined;
let etcd: StartedEtcd | undefined;
let prometheus: StartedPrometheus | undefined;
let source: PrometheusSource;

beforeAll(async () => {
  fleet = createDemoFleet({ seed: 42 });
  demoInstances = pickDemoInstances((await fleet.inventory()).instances);
  demo = await serveDemoMetrics(fleet, clock, { only: demoInstances.map((i) => i.id) });
  etcd = await startEtcd();
  prometheus = await startPrometheus({
    scrapeSelf: true,
    scrapeIntervalSeconds: 1,
    scrapeConfigs: [
      {
        job_name: "etcd",
        static_configs: [
          { targets: [etcd.clientAddress], labels: { topology_kubernetes_io_region: "local", cluster: "test-etcd" } },
        ],
      },
      { job_name: "demo", http_sd_configs: [{ url: demo.serviceDiscoveryUrl, refresh_interval: "1s" }] },
    ],
  });
  source = new PrometheusSource(
    PrometheusSourceConfig.parse({ id: "local", kind: "prometheus", url: prometheus.url, scrapeIntervalSeconds: 1 }),
  );
  await waitForScrapes(prometheus.url, 2 + demoInstances.length, 5);
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await etcd?.stop();
  await demo?.stop();
});

/** Five instances with old and new Go versions, so both metric sets are scraped. */
function pickDemoInstances(instances: readonly Instance[]): Instance[] {
  const minor = (instance: Instance) => goMinorVersion(instance.goVersion);
  const old = instances.filter((i) => minor(i) <= 20).slice(0, 2);
  const recent = instances.filter((i) => minor(i) >= 22).slice(0, 3);
  expect(old).toHaveLength(2);
  expect(recent).toHaveLength(3);
  return [...old, ...recent];
}

describe("PrometheusSource against a real Prometheus", () => {
  it("discovers etcd, Prometheus and the demo instances with their labels", async () => {
    const inventory = ObservedInventory.parse(await source.inventory());
    const byId = new Map(inventory.instances.map((instance) => [instance.id, instance]));

    const etcdInstance = byId.get(etcd?.clientAddress ?? "");
    expect(etcdInstance).toMatchObject({
      serviceId: "etcd",
      regionId: "local",
      clusterId: "test-etcd",
      nodeId: "127.0.0.1",
    });
    expect(etcdInstance?.goVersion).toMatch(/^go1\.\d+/);
    expect(etcdInstance?.metricsUrl).toBe(etcd?.metricsUrl);

    const prometheusInstance = byId.get(prometheus?.address ?? "");
    expect(prometheusInstance).toMatchObject({ serviceId: "prometheus", regionId: "unlabelled", clusterId: "local" });

    for (const expected of demoInstances) {
      expect(byId.get(expected.id)).toMatchObject({
        serviceId: expected.serviceId,
        regionId: expected.regionId,
        zoneId: expected.zoneId,
        clusterId: expected.clusterId,
        nodeId: expected.nodeId,
        goVersion: expected.goVersion,
        metricsUrl: `http://${demo?.address}/demo/metrics/${expected.id}`,
        runtimeConfig: null,
      });
    }
    expect(inventory.instances).toHaveLength(2 + demoInstances.length);

    // Prometheus's own series carry no region or cluster label: placed in fallbacks, and said so.
    const regionWarning = inventory.warnings?.find((w) => w.message.includes('"topology_kubernetes_io_region" label'));
    expect(regionWarning?.instanceIds).toEqual([prometheus?.address]);
    expect(regionWarning?.message).toContain('in region "unlabelled"');
  });

  it("reports the same numbers a direct PromQL query returns at the same instant", async () => {
    const atMs = Date.now() - 1_500;
    const samples = await source.gcSnapshot(atMs);
    for (const sample of samples) expect(() => ObservedGcSample.parse(sample)).not.toThrow();
    const byId = new Map(samples.map((sample) => [sample.instanceId, sample]));
    expect([...byId.keys()].sort()).toEqual(
      [etcd?.clientAddress, prometheus?.address, ...demoInstances.map((i) => i.id)].sort(),
    );

    const fields: [GcQueryKey, (sample: ObservedGcSample) => number | string | null][] = [
      ["goroutines", (s) => s.goroutines],
      ["heapInUse", (s) => s.heapInUseBytes],
      ["heapGoal", (s) => s.heapGoalBytes],
      ["rss", (s) => s.rssBytes],
      ["gcCycles", (s) => s.gcCyclesPerSecond],
      ["allocRate", (s) => s.allocRateBytesPerSecond],
      ["cpuUsage", (s) => s.cpuUsageCores],
    ];
    for (const [key, read] of fields) {
      const direct = await directInstantQuery(gcQueryText(key, scopeOf(source)), atMs);
      expect(direct.size, key).toBeGreaterThan(0);
      for (const [instance, sample] of byId)
        expect(read(sample), `${key} of ${instance}`).toBe(direct.get(instance) ?? null);
    }

    const quantiles = await directInstantQuery(gcQueryText("pauseQuantiles", scopeOf(source)), atMs, "quantile");
    for (const [key, value] of quantiles) {
      const [instance, quantile] = key.split("|");
      const pause = byId.get(instance ?? "")?.pause;
      const field = {
        "0": "minSeconds",
        "0.25": "p25Seconds",
        "0.5": "p50Seconds",
        "0.75": "p75Seconds",
        "1": "maxSeconds",
      }[quantile ?? ""] as keyof NonNullable<typeof pause>;
      expect(pause?.[field], `${field} of ${instance}`).toBe(value);
    }
  });

  it("reads etcd's classic metrics and says which newer ones it lacks", async () => {
    const [sample] = await source.gcSnapshot(Date.now() - 1_500, [etcd?.clientAddress ?? ""]);
    expect(sample?.goroutines).toBeGreaterThan(0);
    expect(sample?.heapGoalBytes).toBeGreaterThan(0);
    expect(sample?.gogc).toBeNull();
    expect(sample?.gomaxprocs).toBeNull();
    const notes = new Map(sample?.notes?.map((note) => [note.field, note]));
    expect(notes.get("gogc")?.message).toContain("go_gc_gogc_percent is missing");
    expect(notes.get("gomaxprocs")?.message).toContain("go_sched_gomaxprocs_threads is missing");
    expect(notes.get("pause.p99Seconds")?.kind).toBe("missing");
    expect(notes.get("heapLiveBytes")).toMatchObject({ kind: "estimated" });
    expect(notes.get("gcCpuCores")).toMatchObject({ kind: "estimated" });
    expect(sample?.gcCpuCores).toBeGreaterThanOrEqual(0);
  });

  // Each instance waits for a window of regular scrapes: seconds each on a loaded machine.
  it("matches the demo model within what the exposition allows", async () => {
    for (const instance of demoInstances) {
      // rate() extrapolates over gaps between scrapes (a loaded machine skips some): read the
      // rates at the end of a window of regular scrapes, where they are the counters' slope.
      const atMs = await endOfRegularScrapes(instance.id, source.rateWindowSeconds);
      const [observed] = await source.gcSnapshot(atMs, [instance.id]);
      if (!observed) throw new Error(`no sample of ${instance.id}`);
      const minor = goMinorVersion(instance.goVersion);
      const model = (await fleet.gcSnapshot(atMs, [instance.id]))[0] as GcSample;
      const label = `${instance.id} (${instance.goVersion})`;
      // Gauges hold the model's value at the scrape, which is stamped with the model's instant.
      expect(observed.goroutines, label).toBe(model.goroutines);
      expect(observed.heapInUseBytes, label).toBe(model.heapInUseBytes);
      expect(observed.heapGoalBytes, label).toBe(model.heapGoalBytes);
      expect(observed.rssBytes, label).toBe(model.rssBytes);
      expect(observed.pause.p50Seconds, label).toBe(model.pause.p50Seconds);
      expect(observed.pause.maxSeconds, label).toBe(model.pause.maxSeconds);
      // Rates come from counters integrated over the model on a 1 s grid: the model's rate over
      // the window, which moves by well under 2% in a few seconds.
      const rates = (
        await fleet.gcSnapshot(atMs - (source.rateWindowSeconds * 1000) / 2, [instance.id])
      )[0] as GcSample;
      expectClose(observed.gcCyclesPerSecond, rates.gcCyclesPerSecond, 0.02, label);
      expectClose(observed.allocRateBytesPerSecond, rates.allocRateBytesPerSecond, 0.02, label);
      expectClose(observed.cpuUsageCores, rates.cpuUsageCores, 0.02, label);
      if (minor >= 21) {
        expect(observed.gogc, label).toEqual(model.gogc);
        expect(observed.gomaxprocs, label).toBe(model.gomaxprocs);
        expect(observed.memoryLimitBytes, label).toBe(model.memoryLimitBytes);
        expect(observed.heapLiveBytes, label).toBe(model.heapLiveBytes);
        expectClose(observed.gcCpuCores, rates.gcCpuCores, 0.02, label);
        expectClose(observed.gcCpuFraction, rates.gcCpuCores / rates.gomaxprocs, 0.02, label);
      } else {
        expect(observed.gogc, label).toBeNull();
        expect(observed.notes?.find((n) => n.field === "gogc")?.message).toContain("go_gc_gogc_percent");
      }
      if (minor >= 22) {
        // histogram_quantile interpolates inside a bucket: the model's p99 lies in the same one.
        const p99 = observed.pause.p99Seconds as number;
        const [lower, upper] = bucketAround(rates.pause.p99Seconds);
        expect(p99, label).toBeGreaterThanOrEqual(lower * 0.98);
        expect(p99, label).toBeLessThanOrEqual(upper * 1.02);
      } else {
        expect(observed.pause.p99Seconds, label).toBeNull();
      }
    }
  }, 30_000);

  it("reads one instance's series at the range's step, as the range query returns it", async () => {
    const id = demoInstances[2]?.id as string;
    const endMs = Math.floor((Date.now() - 1_500) / 1_000) * 1_000;
    const series = await source.gcSeries(id, { startMs: endMs - 4_000, endMs, stepMs: 1_000 });
    expect(series.length).toBeGreaterThanOrEqual(3);
    for (const sample of series) expect(sample.timestampMs % 1_000).toBe(0);
    const direct = await directRangeQuery(
      gcQueryText("heapInUse", { ...scopeOf(source), instanceLabelValues: [id] }),
      endMs - 4_000,
      endMs,
    );
    for (const sample of series) expect(sample.heapInUseBytes).toBe(direct.get(sample.timestampMs));
  });
});

function scopeOf(prometheusSource: PrometheusSource) {
  return { matchers: [], instanceLabel: "instance", rateWindowSeconds: prometheusSource.rateWindowSeconds };
}

function expectClose(actual: number | null, expected: number, relative: number, label: string) {
  expect(actual, label).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    Math.abs(expected) * relative + 1e-12,
  );
}

function bucketAround(seconds: number): [number, number] {
  const upperIndex = pauseHistogramBoundsSeconds.findIndex((bound) => seconds <= bound);
  const upper = pauseHistogramBoundsSeconds[upperIndex] ?? Number.POSITIVE_INFINITY;
  const lower = upperIndex > 0 ? (pauseHistogramBoundsSeconds[upperIndex - 1] as number) : 0;
  return [lower, upper];
}

/** The query sent straight to the HTTP API, parsed by hand: what the source must agree with. */
async function directInstantQuery(query: string, atMs: number, extraLabel?: string): Promise<Map<string, number>> {
  const url = `${prometheus?.url}/api/v1/query?query=${encodeURIComponent(query)}&time=${atMs / 1000}`;
  const body = (await (await fetch(url)).json()) as {
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  return new Map(
    body.data.result.map(({ metric, value }) => [
      extraLabel ? `${metric.instance}|${metric[extraLabel]}` : (metric.instance as string),
      Number(value[1]),
    ]),
  );
}

async function directRangeQuery(query: string, startMs: number, endMs: number): Promise<Map<number, number>> {
  const url = `${prometheus?.url}/api/v1/query_range?query=${encodeURIComponent(query)}&start=${startMs / 1000}&end=${endMs / 1000}&step=1`;
  const body = (await (await fetch(url)).json()) as { data: { result: { values: [number, string][] }[] } };
  return new Map(
    (body.data.result[0]?.values ?? []).map(([seconds, value]) => [Math.round(seconds * 1000), Number(value)]),
  );
}

/**
 * The time of an instance's latest scrape once the rate window before it holds a scrape every
 * interval (gaps under 1.1 intervals, where rate() extrapolates to the window's start).
 */
async function endOfRegularScrapes(instance: string, windowSeconds: number): Promise<number> {
  const deadline = Date.now() + 20_000;
  const query = encodeURIComponent(`go_goroutines{instance="${instance}"}[${windowSeconds + 1}s]`);
  let times: number[] = [];
  while (Date.now() < deadline) {
    const body = (await (await fetch(`${prometheus?.url}/api/v1/query?query=${query}`)).json()) as {
      data: { result: { values: [number, string][] }[] };
    };
    times = (body.data.result[0]?.values ?? []).map(([seconds]) => Math.round(seconds * 1000));
    const last = times[times.length - 1] as number;
    const inWindow = times.filter((t) => t >= last - windowSeconds * 1000);
    const regular = inWindow.every((t, i) => i === 0 || t - (inWindow[i - 1] as number) <= 1_100);
    if (
      inWindow.length >= windowSeconds &&
      regular &&
      (inWindow[0] as number) - (last - windowSeconds * 1000) <= 1_100
    ) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no window of regular scrapes of ${instance} within 20 s (last scrapes at ${times.join(", ")})`);
}

/** Until every target has at least `scrapes` samples of go_goroutines. */
async function waitForScrapes(url: string, targets: number, scrapes: number) {
  const deadline = Date.now() + 30_000;
  const query = encodeURIComponent(`count_over_time(go_goroutines[30s]) >= ${scrapes}`);
  let seen = 0;
  while (Date.now() < deadline) {
    const body = (await (await fetch(`${url}/api/v1/query?query=${query}`)).json()) as { data: { result: unknown[] } };
    seen = body.data.result.length;
    if (seen >= targets) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`only ${seen} of ${targets} targets had ${scrapes} scrapes within 30 s`);
}
