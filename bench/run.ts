// pnpm bench: the fleet overview, the GC leaderboard and 7-day GC charts at 10,000 demo instances
// against the same queries at 1,000 (the baseline), both servers running side by side, requests
// alternating between them.
import { readFile } from "node:fs/promises";
import { type BenchConsole, startBenchConsole, summarize } from "./bench-console.ts";

const rounds = 200;
const warmup = 20;

const startServer = (label: string, instances: number, port: number) =>
  startBenchConsole({ label, port, env: { FLEETDECK_DEMO_INSTANCES: String(instances) } });

/** One tRPC query over HTTP; returns the wall time to the parsed answer, and the answer. */
async function timeQuery(server: BenchConsole, procedure: string, input?: unknown) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const started = performance.now();
  const response = await fetch(`${server.url}/trpc/${procedure}${query}`, { headers: { cookie: server.cookie } });
  const body = (await response.json()) as { result?: { data?: unknown } };
  const elapsed = performance.now() - started;
  if (!response.ok || body.result?.data === undefined) {
    throw new Error(`${server.label}: ${procedure} failed (${response.status}): ${JSON.stringify(body).slice(0, 300)}`);
  }
  return { ms: elapsed, data: body.result.data };
}

async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kib * 1024;
}

const baseline = await startServer("1k instances", 1_000, 4601);
const subject = await startServer("10k instances", 10_000, 4602);

interface Workload {
  title: string;
  rounds: number;
  warmup: number;
  target: string;
  run(server: BenchConsole): Promise<number>;
}

/** The service with the most instances: its 7-day chart folds the most series. */
async function largestService(server: BenchConsole): Promise<string> {
  const { data } = await timeQuery(server, "gc.leaderboard", { level: "service", sort: "instances", limit: 1 });
  const id = (data as { leaderboard?: { rows: Array<{ id: string }> } }).leaderboard?.rows[0]?.id;
  if (!id) throw new Error(`${server.label}: no service in the leaderboard`);
  return id;
}
const largest = new Map<BenchConsole, string>([
  [baseline, await largestService(baseline)],
  [subject, await largestService(subject)],
]);
const week = 7 * 24 * 3_600_000;

const workloads: Workload[] = [
  {
    title: "fleet overview (fleet.overview)",
    rounds,
    warmup,
    target: "p95 < 100 ms at 10k",
    run: async (server) => (await timeQuery(server, "fleet.overview")).ms,
  },
  {
    title: "GC leaderboard, services by pause p99 (gc.leaderboard)",
    rounds,
    warmup,
    target: "p95 < 150 ms at 10k",
    run: async (server) =>
      (await timeQuery(server, "gc.leaderboard", { level: "service", sort: "pauseP99Seconds", limit: 50 })).ms,
  },
  {
    title: "GC leaderboard, instances by GC CPU (gc.leaderboard)",
    rounds,
    warmup,
    target: "p95 < 150 ms at 10k",
    run: async (server) => (await timeQuery(server, "gc.leaderboard", { level: "instance", limit: 50 })).ms,
  },
  {
    title: "7-day GC charts of the largest service, 600 points (gc.serviceSeries)",
    rounds: 10,
    warmup: 2,
    target: "no target set; measured",
    run: async (server) =>
      (
        await timeQuery(server, "gc.serviceSeries", {
          serviceId: largest.get(server),
          window: { lastMs: week, maxPoints: 600 },
        })
      ).ms,
  },
];

try {
  for (const workload of workloads) {
    const timings = new Map<BenchConsole, number[]>([
      [baseline, []],
      [subject, []],
    ]);
    for (let i = 0; i < workload.warmup + workload.rounds; i++) {
      for (const server of i % 2 === 0 ? [baseline, subject] : [subject, baseline]) {
        const ms = await workload.run(server);
        if (i >= workload.warmup) timings.get(server)?.push(ms);
      }
    }
    console.log(
      `${workload.title}: ${workload.rounds} requests each over HTTP after ${workload.warmup} warm-up, alternating`,
    );
    const results = [];
    for (const [server, samples] of timings) {
      const s = summarize(samples);
      const rss = await rssBytes(server.pid);
      results.push({ server, s });
      console.log(
        `  ${server.label.padEnd(14)} min ${s.min.toFixed(1)} ms  median ${s.median.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  max ${s.max.toFixed(1)} ms  server RSS ${(rss / 2 ** 20).toFixed(0)} MiB`,
      );
    }
    const [base, sub] = results;
    if (base && sub) {
      console.log(
        `  ratio of medians 10k/1k: ${(sub.s.median / base.s.median).toFixed(2)}×; target: ${workload.target}`,
      );
    }
  }
  console.log("target for server RSS at 10k: < 400 MB");
} finally {
  await Promise.all([baseline.stop(), subject.stop()]);
}
