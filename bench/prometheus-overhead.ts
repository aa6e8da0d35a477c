// pnpm bench, part two: what the console adds on top of Prometheus. A real Prometheus scrapes etcd,
// itself and 200 demo instances (served by a second console); the measured console reads that
// Prometheus as its only source. Each round asks the console for the instance-level GC leaderboard
// and, as the baseline, sends Prometheus the same PromQL straight: one instant query per GC metric,
// all in parallel. The console also re-reads discovery (series and targets) once per scrape
// interval, and those requests are counted in its timings.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { combinedGcQueryText, gcQueryKeys, gcQueryText } from "@fleetdeck/sources";
import { freePort, startEtcd, startPrometheus } from "@fleetdeck/sources/testing";
import { type BenchConsole, startBenchConsole, summarize } from "./bench-console.ts";

const rounds = 100;
const warmup = 10;
const scrapeIntervalSeconds = 2;
// The demo console answers every scrape itself: 200 instances every 2 s is what one core keeps up with.
const demoInstances = 200;
const startConsole = async (env: Record<string, string>) =>
  startBenchConsole({ label: "console", port: await freePort(), env, readyPath: "/healthz" });

async function createToken(server: BenchConsole): Promise<string> {
  const response = await fetch(`${server.url}/trpc/apiTokens.create`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, cookie: server.cookie },
    body: JSON.stringify({ name: "bench prometheus", roles: ["viewer"] }),
  });
  const body = (await response.json()) as { result?: { data?: { token?: string } } };
  const token = body.result?.data?.token;
  if (!token) throw new Error(`creating an API token failed (${response.status})`);
  return token;
}

async function getJson(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response.json() as Promise<{ data?: unknown; result?: { data?: unknown } }>;
}

const workDir = await mkdtemp(path.join(tmpdir(), "fleetdeck-bench-prom-files-"));
const etcd = await startEtcd();
const demo = await startConsole({ FLEETDECK_DEMO_INSTANCES: String(demoInstances) });
const prometheusPort = await freePort();
const sourcesFile = path.join(workDir, "sources.yaml");
await writeFile(
  sourcesFile,
  [
    "sources:",
    "  - id: bench",
    "    kind: prometheus",
    `    url: http://127.0.0.1:${prometheusPort}`,
    `    scrapeIntervalSeconds: ${scrapeIntervalSeconds}`,
    "    timeoutMs: 10000",
    "",
  ].join("\n"),
);
const measured = await startConsole({ FLEETDECK_SOURCES_FILE: sourcesFile });
const token = await createToken(demo);
const prometheus = await startPrometheus({
  port: prometheusPort,
  scrapeSelf: true,
  scrapeIntervalSeconds,
  scrapeConfigs: [
    { job_name: "etcd", static_configs: [{ targets: [etcd.clientAddress] }] },
    {
      job_name: "fleetdeck-demo",
      http_sd_configs: [
        {
          url: `${demo.url}/demo/targets`,
          refresh_interval: "5s",
          authorization: { type: "Bearer", credentials: token },
        },
      ],
      authorization: { type: "Bearer", credentials: token },
    },
  ],
});

try {
  const promUrl = prometheus.url;
  // Wait until most demo targets have a few scrapes, so that rates exist.
  for (let attempt = 0; ; attempt++) {
    const body = await getJson(
      `${promUrl}/api/v1/query?query=${encodeURIComponent(`count(count_over_time(go_goroutines[${4 * scrapeIntervalSeconds}s]) >= 3)`)}`,
    );
    const result = (body.data as { result: Array<{ value: [number, string] }> }).result;
    if (Number(result[0]?.value[1] ?? 0) >= 0.9 * demoInstances) break;
    if (attempt > 120) throw new Error("Prometheus did not collect enough scrapes of the demo fleet in 2 min");
    await sleep(1_000);
  }

  const rateWindowSeconds = 4 * scrapeIntervalSeconds;
  const scope = { matchers: [], instanceLabel: "instance", rateWindowSeconds };
  const queries = gcQueryKeys.map((key) => gcQueryText(key, scope));
  const combinedQuery = combinedGcQueryText(scope);

  const timeQueries = async (texts: readonly string[]) => {
    const started = performance.now();
    const nowSeconds = Date.now() / 1000;
    await Promise.all(
      texts.map((query) =>
        getJson(`${promUrl}/api/v1/query?${new URLSearchParams({ query, time: String(nowSeconds) })}`),
      ),
    );
    return performance.now() - started;
  };
  // What a dashboard sends: one query per metric, in parallel.
  const direct = () => timeQueries(queries);
  // The console's own PromQL, all metrics in one query, sent straight: the strictest baseline.
  const directCombined = () => timeQueries([combinedQuery]);
  const viaConsole = async () => {
    const input = encodeURIComponent(JSON.stringify({ level: "instance", limit: 50 }));
    const started = performance.now();
    const body = await getJson(`${measured.url}/trpc/gc.leaderboard?input=${input}`, {
      headers: { cookie: measured.cookie },
    });
    const elapsed = performance.now() - started;
    const total = (body.result?.data as { leaderboard?: { total: number } } | undefined)?.leaderboard?.total ?? 0;
    if (total < 0.9 * demoInstances) {
      throw new Error(`the console saw ${total} instances through Prometheus, expected about ${demoInstances}`);
    }
    return elapsed;
  };

  const timings = { direct: [] as number[], directCombined: [] as number[], console: [] as number[] };
  const measure = { direct, directCombined, console: viaConsole };
  const orders = [
    ["direct", "directCombined", "console"],
    ["console", "direct", "directCombined"],
    ["directCombined", "console", "direct"],
  ] as const;
  for (let i = 0; i < warmup + rounds; i++) {
    for (const which of orders[i % orders.length] ?? orders[0]) {
      const ms = await measure[which]();
      if (i >= warmup) timings[which].push(ms);
    }
  }
  const d = summarize(timings.direct);
  const dc = summarize(timings.directCombined);
  const c = summarize(timings.console);
  console.log(
    `GC leaderboard through Prometheus (${demoInstances} demo instances + etcd + Prometheus itself): ${rounds} rounds after ${warmup} warm-up, alternating`,
  );
  const figures = (s: ReturnType<typeof summarize>) =>
    `min ${s.min.toFixed(1)} ms  median ${s.median.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  max ${s.max.toFixed(1)} ms`;
  console.log(`  direct PromQL (${queries.length} instant queries, parallel)  ${figures(d)}`);
  console.log(`  direct PromQL (the console's one combined query)  ${figures(dc)}`);
  console.log(`  console gc.leaderboard over HTTP         ${figures(c)}`);
  console.log(
    `  BFF overhead ratio (medians, console / ${queries.length} queries): ${(c.median / d.median).toFixed(2)}×`,
  );
  console.log(
    `  BFF overhead ratio (medians, console / the same combined query): ${(c.median / dc.median).toFixed(2)}×; target ≤ 1.2`,
  );
} finally {
  await prometheus.stop();
  await measured.stop();
  await demo.stop();
  await etcd.stop();
  await rm(workDir, { recursive: true, force: true });
}
