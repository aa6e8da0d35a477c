// What both benchmark scripts need: a console started from the TypeScript sources with its own
// data directory, signed in as admin, and a summary of timings.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const repoRoot = path.resolve(import.meta.dirname, "..");
const adminPassword = "bench-only-secret-2026";

export interface BenchConsole {
  label: string;
  url: string;
  pid: number;
  /** The admin's session cookie, `name=value`. */
  cookie: string;
  stop(): Promise<void>;
}

export interface BenchConsoleOptions {
  label: string;
  port: number;
  env?: Record<string, string>;
  /** `/readyz` waits for every source; `/healthz` only for the process (a source may still be warming up). */
  readyPath?: "/readyz" | "/healthz";
}

export async function startBenchConsole({
  label,
  port,
  env = {},
  readyPath = "/readyz",
}: BenchConsoleOptions): Promise<BenchConsole> {
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
      env: { ...process.env, FLEETDECK_LOG_LEVEL: "warn", FLEETDECK_ADMIN_PASSWORD: adminPassword, ...env },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) break;
    } catch {}
    if (attempt > 300) throw new Error(`${label} server did not become ready on ${url}`);
    await sleep(100);
  }
  const signIn = await fetch(`${url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
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

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? Number.NaN,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted.at(-1) ?? Number.NaN,
  };
}
