import { afterEach, describe, expect, it, vi } from "vitest";
import type { ObservedFleetSource } from "../fleet-source.ts";
import { answeringCombinedQueries, json, startFakePrometheusApi, vector } from "./fake-prometheus-api.test-support.ts";
import { PrometheusSource } from "./prometheus-source.ts";
import { PrometheusSourceConfig } from "./prometheus-source-config.ts";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** Two Go processes and a Python exporter; the histogram query fails, as a slow one would. */
async function partlyBrokenPrometheus() {
  const server = await startFakePrometheusApi(
    answeringCombinedQueries((request, response) => {
      const query = request.params.get("query") ?? "";
      if (request.path === "/api/v1/series") {
        json(response, 200, {
          status: "success",
          data: [
            { __name__: "go_goroutines", instance: "a:1", job: "api" },
            { __name__: "go_goroutines", instance: "b:1", job: "api" },
          ],
        });
      } else if (request.path === "/api/v1/targets") {
        json(response, 404, "404 page not found");
      } else if (query.startsWith("histogram_quantile")) {
        json(response, 503, {
          status: "error",
          errorType: "timeout",
          error: "query timed out in expression evaluation",
        });
      } else if (query.includes("go_goroutines")) {
        json(
          response,
          200,
          vector([
            { metric: { instance: "a:1" }, value: 40 },
            { metric: { instance: "b:1" }, value: 41 },
          ]),
        );
      } else if (query.includes("process_resident_memory_bytes")) {
        const python = { metric: { instance: "py:9" }, value: 1e8 };
        json(response, 200, vector([{ metric: { instance: "a:1" }, value: 2e8 }, python]));
      } else {
        json(response, 200, vector([]));
      }
    }),
  );
  stops.push(server.stop);
  return server;
}

function sourceFor(url: string, overrides: Record<string, unknown> = {}, clock?: { nowMs: () => number }) {
  return new PrometheusSource(
    PrometheusSourceConfig.parse({ id: "prod", kind: "prometheus", url, retries: 0, timeoutMs: 5_000, ...overrides }),
    { backoff: { baseDelayMs: 1, maxDelayMs: 1 }, ...(clock ? { clock } : {}) },
  );
}

describe("PrometheusSource", () => {
  it("shows what it has when one query fails, with the reason on the affected field", async () => {
    const server = await partlyBrokenPrometheus();
    const samples = await sourceFor(server.url).gcSnapshot(1_700_000_000_000);
    expect(samples.map((s) => [s.instanceId, s.goroutines, s.rssBytes])).toEqual([
      ["a:1", 40, 2e8],
      ["b:1", 41, null],
    ]);
    const p99Note = samples[0]?.notes?.find((n) => n.field === "pause.p99Seconds");
    expect(p99Note?.message).toContain("the query for go_sched_pauses_total_gc_seconds_bucket failed");
    expect(p99Note?.message).toContain("query timed out in expression evaluation");
    // The combined query failed as a whole, so each metric was asked on its own.
    const queries = server.requests.filter((r) => r.path === "/api/v1/query").map((r) => r.params.get("query") ?? "");
    expect(queries[0]).toMatch(/^label_replace\(/);
    expect(queries.slice(1)).toHaveLength(15);
  });

  it("queries only the instances asked about, and names an id it does not know", async () => {
    const server = await partlyBrokenPrometheus();
    const source = sourceFor(server.url, { matchers: ['job="api"'] });
    const [sample] = await source.gcSnapshot(1_700_000_000_000, ["b:1"]);
    expect(sample?.instanceId).toBe("b:1");
    // The combined query carries every metric, each part scoped to the instances asked about.
    const snapshotQueries = server.requests.filter((r) => r.path === "/api/v1/query");
    expect(snapshotQueries[0]?.params.get("query")).toContain(
      'label_replace(max by (instance) (go_goroutines{job="api",instance=~"b:1"}), "fleetdeck_query", "goroutines"',
    );
    await expect(source.gcSnapshot(0, ["b:1", "zz:1"])).rejects.toThrow(
      'prometheus source "prod" has no instance "zz:1"',
    );
  });

  it("treats a backend without /api/v1/targets as normal", async () => {
    const server = await partlyBrokenPrometheus();
    const inventory = await sourceFor(server.url).inventory();
    expect(inventory.instances.map((i) => i.metricsUrl)).toEqual([null, null]);
    expect(inventory.warnings?.some((w) => w.message.includes("target health"))).toBe(false);
  });

  it("discovers once per scrape interval, shared by concurrent requests, and not after a failure; answers from the last one while the next runs", async () => {
    let failSeries = true;
    const server = await partlyBrokenPrometheus();
    const healthy = server.url;
    const flaky = await startFakePrometheusApi((request, response) => {
      if (request.path === "/api/v1/series" && failSeries) json(response, 502, "bad gateway");
      else
        fetch(`${healthy}${request.path}?${request.params}`).then(async (answer) => {
          json(response, answer.status, await answer.text());
        });
    });
    stops.push(flaky.stop);
    let nowMs = 1_700_000_000_000;
    const source = sourceFor(flaky.url, { scrapeIntervalSeconds: 15 }, { nowMs: () => nowMs });
    const seriesRequests = () => flaky.requests.filter((r) => r.path === "/api/v1/series").length;

    await expect(source.inventory()).rejects.toThrow("HTTP 502");
    failSeries = false;
    const [first, second] = await Promise.all([source.inventory(), source.inventory()]);
    expect(seriesRequests()).toBe(2);
    expect(second).toBe(first);
    nowMs += 14_999;
    await source.inventory();
    expect(seriesRequests()).toBe(2);
    // Past the interval, the last discovery answers at once while a new one runs behind it.
    nowMs += 1;
    expect(await source.inventory()).toBe(first);
    await vi.waitFor(async () => expect(await source.inventory()).not.toBe(first));
    expect(seriesRequests()).toBe(3);
    expect((await source.inventory()).instances).toHaveLength(2);
    expect(seriesRequests()).toBe(3);
    // A discovery ten intervals old is too old to answer: the request waits for a new one.
    const refreshed = await source.inventory();
    nowMs += 10 * 15_000;
    const waitedFor = await source.inventory();
    expect(waitedFor).not.toBe(refreshed);
    expect(seriesRequests()).toBe(4);
  });

  it("looks again at once for an instance the last discovery did not know", async () => {
    let instances = ["a:1"];
    const server = await startFakePrometheusApi(
      answeringCombinedQueries((request, response) => {
        if (request.path === "/api/v1/series") {
          json(response, 200, {
            status: "success",
            data: instances.map((instance) => ({ __name__: "go_goroutines", instance })),
          });
        } else if (request.path === "/api/v1/targets") json(response, 404, "404 page not found");
        else if ((request.params.get("query") ?? "").includes("go_goroutines")) {
          json(response, 200, vector(instances.map((instance) => ({ metric: { instance }, value: 7 }))));
        } else json(response, 200, vector([]));
      }),
    );
    stops.push(server.stop);
    const source = sourceFor(server.url, {}, { nowMs: () => 1_700_000_000_000 });
    expect((await source.inventory()).instances.map((i) => i.id)).toEqual(["a:1"]);
    instances = ["a:1", "b:1"];
    const [sample] = await source.gcSnapshot(1_700_000_000_000, ["b:1"]);
    expect(sample?.goroutines).toBe(7);
    // Nothing failed, so one combined query answered every metric.
    expect(server.requests.filter((r) => r.path === "/api/v1/query")).toHaveLength(1);
  });

  it("fails as a whole, with the reason, when no query answers", async () => {
    const server = await startFakePrometheusApi((_request, response) => json(response, 502, "bad gateway"));
    stops.push(server.stop);
    await expect(sourceFor(server.url).gcSnapshot(0)).rejects.toThrow(
      /^prometheus source "prod": POST \/api\/v1\/query: HTTP 502 Bad Gateway: "bad gateway"$/,
    );
    await expect(sourceFor(server.url).ping()).rejects.toThrow("HTTP 502");
  });

  it("is read-only and answers no service edges", async () => {
    const source = sourceFor("http://127.0.0.1:1");
    const asFleetSource: ObservedFleetSource = source;
    expect(asFleetSource.applyRuntimeConfig).toBeUndefined();
    expect(await source.serviceEdges(0)).toEqual([]);
    expect(source.kind).toBe("prometheus");
    expect(source.rateWindowSeconds).toBe(60);
  });

  it("shows its URL without the credentials it was configured with", () => {
    expect(sourceFor("https://reader:s3cret@prom.example:9090/prometheus/").url).toBe(
      "https://prom.example:9090/prometheus",
    );
  });
});
