import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { adminAccount } from "../accounts.ts";

/** The built server, as playwright.config.ts runs it (`pnpm build` makes it). */
const serverBundle = fileURLToPath(new URL("../../../apps/server/dist/fleetdeck.mjs", import.meta.url));

export interface ConsoleServer {
  /** `http://127.0.0.1:<port>`, the console's origin. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A console of a spec's own, for settings the shared server cannot have (a session that expires
 * in seconds, say): the built server on a free port with a fresh data dir, its first-start admin
 * being `adminAccount`. Resolves once /readyz answers 200 (or /healthz, with `serving`: a console
 * with a source that is down on purpose is never ready); `stop` ends it and deletes its data.
 */
export async function startConsoleServer(
  env: Record<string, string> = {},
  { readyWhen = "ready" }: { readyWhen?: "ready" | "serving" } = {},
): Promise<ConsoleServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), "fleetdeck-e2e-own-"));
  const child = spawn(process.execPath, [serverBundle, "serve", "--port", String(port), "--data-dir", dataDir], {
    env: {
      ...process.env,
      FLEETDECK_LOG_LEVEL: "warn",
      FLEETDECK_ADMIN_PASSWORD: adminAccount.password,
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, readyWhen === "ready" ? "/readyz" : "/healthz", child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** A port nothing listens on now: the OS picks one, and we let it go for the server to take. */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  await once(probe, "close");
  if (typeof address !== "object" || address === null) throw new Error("could not find a free port");
  return address.port;
}

async function waitUntilReady(
  url: string,
  probePath: string,
  child: ChildProcess,
  stderr: () => string,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the console exited with code ${child.exitCode} before it was ready:\n${stderr()}`);
    }
    try {
      if ((await fetch(`${url}${probePath}`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the console at ${url} was not ready within ${timeoutMs / 1000} s:\n${stderr()}`);
}

/** SIGTERM lets the server close its database cleanly; SIGKILL if it has not gone in 5 s. */
async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
