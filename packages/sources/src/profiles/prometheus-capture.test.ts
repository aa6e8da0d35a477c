import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { json, startFakePrometheusApi } from "../prometheus/fake-prometheus-api.test-support.ts";
import { PrometheusSource } from "../prometheus/prometheus-source.ts";
import { PrometheusSourceConfig } from "../prometheus/prometheus-source-config.ts";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

const profileBytes = gzipSync(Buffer.from([0x0a, 0x02, 0x08, 0x01]));

/**
 * A Prometheus API whose targets API lists instance a:1 with a pprof label and no target for b:1
 * (both have series), beside a pprof endpoint that wants a Bearer token. The real-Prometheus path
 * is in etcd-capture.integration.test.ts; this one checks what a real one cannot be made to do.
 */
async function prometheusWithPprofTarget() {
  const pprof = await startFakePrometheusApi((request, response) => {
    if (request.authorization !== "Bearer fdk_demo") return json(response, 401, { error: "sign in first" });
    if (request.path !== "/demo/pprof/a/goroutine") return json(response, 404, "404 page not found");
    response.writeHead(200, { "content-type": "application/octet-stream" });
    response.end(profileBytes);
  });
  const api = await startFakePrometheusApi((request, response) => {
    if (request.path === "/api/v1/series") {
      json(response, 200, {
        status: "success",
        data: [
          { __name__: "go_goroutines", instance: "a:1", job: "api" },
          { __name__: "go_goroutines", instance: "b:1", job: "api" },
        ],
      });
    } else if (request.path === "/api/v1/targets") {
      const labels = { instance: "a:1", job: "api", fleetdeck_pprof_url: `${pprof.url}/demo/pprof/a` };
      const target = { labels, scrapeUrl: "http://a:1/metrics", health: "up", lastError: "", lastScrape: "" };
      json(response, 200, { status: "success", data: { activeTargets: [target] } });
    } else {
      json(response, 200, { status: "success", data: { resultType: "vector", result: [] } });
    }
  });
  stops.push(api.stop, pprof.stop);
  return { api, pprof };
}

function sourceFor(url: string, pprof: Record<string, unknown> = {}) {
  return new PrometheusSource(PrometheusSourceConfig.parse({ id: "prod", kind: "prometheus", url, retries: 0, pprof }));
}

describe("PrometheusSource.captureProfile", () => {
  it("captures from the target's fleetdeck_pprof_url with the configured Bearer token", async () => {
    const { api, pprof } = await prometheusWithPprofTarget();
    const source = sourceFor(api.url, { bearerToken: "fdk_demo" });
    const bytes = await source.captureProfile("a:1", { kind: "goroutine", seconds: 1 }, new AbortController().signal);
    expect(Buffer.from(bytes).equals(profileBytes)).toBe(true);
    expect(pprof.requests.map((r) => r.path)).toEqual(["/demo/pprof/a/goroutine"]);
  });

  it("names the instance and URL when the endpoint refuses, and says what is missing without a target", async () => {
    const { api, pprof } = await prometheusWithPprofTarget();
    const source = sourceFor(api.url);
    const signal = new AbortController().signal;
    await expect(source.captureProfile("a:1", { kind: "goroutine", seconds: 1 }, signal)).rejects.toThrow(
      `profile capture of "a:1" from ${pprof.url}/demo/pprof/a/goroutine failed: HTTP 401 Unauthorized: {"error":"sign in first"}`,
    );
    await expect(source.captureProfile("b:1", { kind: "heap", seconds: 1 }, signal)).rejects.toThrow(
      'prometheus source "prod" does not know where instance "b:1" serves pprof: Prometheus lists no active target for it; label the target with fleetdeck_pprof_url="<base URL of /debug/pprof>"',
    );
  });

  it("refuses a pprof config out of bounds with the field named", () => {
    const parsed = PrometheusSourceConfig.safeParse({
      id: "prod",
      kind: "prometheus",
      url: "http://p:9090",
      pprof: { maxBytes: 10 },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["pprof", "maxBytes"]);
  });
});
