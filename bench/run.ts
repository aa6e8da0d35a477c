// pnpm bench: the fleet overview at 10,000 demo instances against the same query at 1,000 (the
// baseline), both built servers running side by side, requests alternating between them.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const repoRoot = path.resolve(import.meta.dirname, "..");
const rounds = 200;
const warmup = 20;

const adminPassword = "bench-only-secret-2026";

interface BenchServer {
  label: string;
  url: string;
  pid: number;
  cookie: string;
  stop(): Promise<void>;
}

async function startServer(label: string, instances: number, port: number): Promise<BenchServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "fleetdeck-bench-"));
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(repoRoot, "apps/server/src/cli/main.ts"),
      "serve",
      "--port",
      String(port),
      "--data-dir",
      dataDir,
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        FLEETDECK_DEMO_INSTANCES: String(instances),
        FLEETDECK_LOG_LEVEL: "warn",
        FLEETDECK_ADMIN_PASSWORD: adminPassword,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {}
    if (attempt > 300) throw new Error(`${label} server did not become ready on ${url}`);
    await sleep(100);
  }
  const signIn = await fetch(`${url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: adminPassword }),
  });
  const cookie = signIn.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`${label}: sign-in failed (${signIn.status})`);
  return {
    label,
    url,
    cookie,
    pid: child.pid ?? 0,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function timeOverview(server: BenchServer): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.url}/trpc/fleet.overview`, { headers: { cookie: server.cookie } });
  const body = (await response.json()) as { result?: { data?: { overview?: { totals?: { instances: number } } } } };
  const elapsed = performance.now() - started;
  if (!response.ok || !body.result?.data?.overview)
    throw new Error(`${server.label}: overview failed (${response.status})`);
  return elapsed;
}

async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kib * 1024;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? Number.NaN,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

const baseline = await startServer("1k instances", 1_000, 4601);
const subject = await startServer("10k instances", 10_000, 4602);
try {
  const timings = new Map<BenchServer, number[]>([
    [baseline, []],
    [subject, []],
  ]);
  for (let i = 0; i < warmup + rounds; i++) {
    for (const server of i % 2 === 0 ? [baseline, subject] : [subject, baseline]) {
      const ms = await timeOverview(server);
      if (i >= warmup) timings.get(server)?.push(ms);
    }
  }
  console.log(
    `fleet overview over HTTP (/trpc/fleet.overview), ${rounds} requests each after ${warmup} warm-up, alternating`,
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
  if (base && sub)
    console.log(
      `  ratio of medians 10k/1k: ${(sub.s.median / base.s.median).toFixed(2)}×; targets: p95 < 100 ms and RSS < 400 MB at 10k`,
    );
} finally {
  await Promise.all([baseline.stop(), subject.stop()]);
}
