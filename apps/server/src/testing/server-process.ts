import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** How a server process ended: its exit code, or the signal that ended it. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  url: string;
  /** Settles when the process has ended, however it ended. */
  exited: Promise<ServerExit>;
  /** Everything it wrote to stdout and stderr so far, for a failing test to show. */
  output(): string;
  /** Asks it to stop (SIGTERM, as a service manager would) and waits until it has. */
  stop(): Promise<ServerExit>;
}

const serverRoot = path.resolve(import.meta.dirname, "../..");
const startTimeoutMs = 60_000;

/**
 * `fleetdeck serve` as a process of its own, run from source with tsx (as `pnpm fleetdeck` does, so
 * no build is needed), on a free port of 127.0.0.1. `env` holds its settings (the test's own
 * FLEETDECK_* and DATABASE_URL are not passed on); the data dir or DATABASE_URL in it says which
 * storage the process opens. Resolves once it listens.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    cwd: serverRoot,
    env: { ...inheritedEnv(), FLEETDECK_LOG_LEVEL: "warn", ...env, FLEETDECK_PORT: "0", FLEETDECK_HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<ServerExit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const url = await listeningUrl(child, exited, () => output);
  return {
    url,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** The test's environment without the server's own settings: only what the test passes decides them. */
function inheritedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("FLEETDECK_") && name !== "DATABASE_URL"),
  );
}

/** The address from the line `serve` prints once it listens; an early exit fails with the output. */
async function listeningUrl(child: ChildProcess, exited: Promise<ServerExit>, output: () => string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<string>((resolve, reject) => {
      const look = () => {
        const match = /Fleetdeck is running at (\S+)/.exec(output());
        if (match?.[1]) resolve(match[1]);
      };
      child.stdout?.on("data", look);
      void exited.then((exit) =>
        reject(new Error(`the server ended before it listened (${exit.signal ?? exit.code}):\n${output()}`)),
      );
      timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`the server did not listen within ${startTimeoutMs} ms:\n${output()}`));
      }, startTimeoutMs);
    });
  } finally {
    clearTimeout(timer);
  }
}
