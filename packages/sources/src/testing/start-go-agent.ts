import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { ManagedProcess, waitUntilReady } from "./managed-process.ts";

/** The agent's Go module, agents/go at the repository root. */
const agentModuleDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../agents/go");

let built: Promise<string> | undefined;

/**
 * Builds agents/go's fleetdeck-agent into a temporary directory, once per test process, and
 * resolves to the binary's path. Needs Debian's golang-go; the Go module uses the standard
 * library only, so nothing is downloaded.
 */
export function buildGoAgent(): Promise<string> {
  built ??= compile().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

async function compile(): Promise<string> {
  const binary = join(await mkdtemp(join(tmpdir(), "fleetdeck-go-agent-")), "fleetdeck-agent");
  // Go keeps its build cache under the home directory; where that is not writable, the OS temp
  // directory is used instead.
  const homeWritable = isWritable(process.env.HOME);
  const env = {
    ...process.env,
    ...(process.env.GOCACHE || homeWritable ? {} : { GOCACHE: join(tmpdir(), "fleetdeck-go-build-cache") }),
    ...(process.env.GOPATH || homeWritable ? {} : { GOPATH: join(tmpdir(), "fleetdeck-go-path") }),
    CGO_ENABLED: "0",
  };
  await new Promise<void>((resolveBuild, rejectBuild) => {
    execFile(
      "go",
      ["build", "-o", binary, "./cmd/fleetdeck-agent"],
      { cwd: agentModuleDir, env, timeout: 180_000 },
      (error, _stdout, stderr) => {
        if (!error) return resolveBuild();
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        rejectBuild(
          new Error(
            missing
              ? "go is not installed: building the Go agent needs Debian's golang-go package (apt-get install golang-go)"
              : `building the Go agent in ${agentModuleDir} failed: ${stderr.trim() || error.message}`,
          ),
        );
      },
    );
  });
  return binary;
}

export interface StartGoAgentOptions {
  etcdUrl: string;
  service: string;
  instance: string;
  /** Key prefix; the agent's default "/fleetdeck" when absent. */
  prefix?: string;
  /** Bytes/s of the synthetic allocation workload; none when absent. */
  allocRate?: number;
  /** Bytes the workload keeps reachable. */
  liveHeap?: number;
  /** Environment for the agent, e.g. GOGC=50 to start with another config. */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

export interface StartedGoAgent {
  instance: string;
  /** http://127.0.0.1:PORT, where the agent serves /metrics and /debug/pprof/. */
  url: string;
  metricsUrl: string;
  pprofUrl: string;
  pid: number | undefined;
  /** The agent's last lines of output, for a failure message. */
  recentOutput(): string;
  stop(): Promise<void>;
}

/**
 * Starts a fleetdeck-agent process for one instance, reads the address it bound (it prints
 * `listening http://127.0.0.1:PORT` first) and waits until its /metrics answers.
 */
export async function startGoAgent(options: StartGoAgentOptions): Promise<StartedGoAgent> {
  const binary = await buildGoAgent();
  const args = [
    `-etcd=${options.etcdUrl}`,
    `-service=${options.service}`,
    `-instance=${options.instance}`,
    "-listen=127.0.0.1:0",
    ...(options.prefix === undefined ? [] : [`-prefix=${options.prefix}`]),
    ...(options.allocRate === undefined ? [] : [`-alloc-rate=${options.allocRate}`]),
    ...(options.liveHeap === undefined ? [] : [`-live-heap=${options.liveHeap}`]),
  ];
  // ManagedProcess finds commands on PATH; env(1) runs the built binary by its path and execs it,
  // so the agent keeps env's pid and receives the signals stop() sends. -i drops the test's
  // environment so a GOGC or GOMEMLIMIT set for the test runner does not leak into the agent.
  const environment = Object.entries({ PATH: process.env.PATH ?? "", ...options.env }).map(
    ([name, value]) => `${name}=${value}`,
  );
  const agent = ManagedProcess.start("env", ["-i", ...environment, binary, ...args], "coreutils");
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  try {
    const url = await boundUrl(agent, readyTimeoutMs);
    await waitUntilReady(agent, `${url}/metrics`, readyTimeoutMs);
    return {
      instance: options.instance,
      url,
      metricsUrl: `${url}/metrics`,
      pprofUrl: `${url}/debug/pprof`,
      pid: agent.pid,
      recentOutput: () => agent.recentOutput(),
      stop: () => agent.stop(),
    };
  } catch (error) {
    await agent.stop();
    throw error;
  }
}

function isWritable(dir: string | undefined): boolean {
  if (!dir) return false;
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

async function boundUrl(agent: ManagedProcess, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /^listening (http:\/\/\S+)$/m.exec(agent.recentOutput());
    if (match) return match[1]!;
    if (agent.hasExited) throw new Error(agent.describeExit());
    await sleep(50);
  }
  throw new Error(
    `fleetdeck-agent printed no "listening" line within ${timeoutMs} ms; its last output:\n${agent.recentOutput()}`,
  );
}
