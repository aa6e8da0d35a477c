import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A child process this test started, with the tail of its output for error messages. */
export class ManagedProcess {
  private readonly output: string[] = [];
  private exitCode: number | string | null = null;
  private readonly exited: Promise<void>;
  private readonly killOnExit = () => this.child.kill("SIGKILL");

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      if (this.output.length > 40) this.output.splice(0, this.output.length - 40);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exitCode = code ?? signal ?? "unknown";
        process.off("exit", this.killOnExit);
        resolve();
      });
    });
    // Should the test runner die first, the child must not outlive it.
    process.on("exit", this.killOnExit);
  }

  /** Starts `command`, found on PATH; a missing binary is an error saying which package has it. */
  static start(command: string, args: readonly string[], debianPackage: string): ManagedProcess {
    const executable = findOnPath(command);
    if (!executable) {
      throw new Error(
        `${command} is not installed: the tests that run a real ${command} need Debian's ${debianPackage} package ` +
          `(scripts/test.sh installs it; by hand: apt-get install ${debianPackage})`,
      );
    }
    const child = spawn(executable, args, { stdio: ["ignore", "pipe", "pipe"] });
    return new ManagedProcess(command, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitCode !== null;
  }

  /** The last lines the process printed, for an error message. */
  recentOutput(): string {
    return this.output.slice(-15).join("\n");
  }

  describeExit(): string {
    return `${this.name} exited (${this.exitCode}) before it was ready; its last output:\n${this.recentOutput()}`;
  }

  /** SIGTERM, then SIGKILL if it has not exited within graceMs. Only this child is signalled. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.hasExited) return;
    this.child.kill("SIGTERM");
    const stopped = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!stopped) {
      this.child.kill("SIGKILL");
      await this.exited;
    }
  }
}

function findOnPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return null;
}

/**
 * Polls `url` until it answers 2xx (and `accept` agrees with the body), the process exits, or
 * timeoutMs passes; the error says which.
 */
export async function waitUntilReady(
  child: ManagedProcess,
  url: string,
  timeoutMs: number,
  accept: (body: string) => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (child.hasExited) throw new Error(child.describeExit());
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      const body = await response.text();
      if (response.ok && accept(body)) return;
      lastProblem = `HTTP ${response.status}: ${body.slice(0, 200)}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await sleep(100);
  }
  throw new Error(
    `${child.name} was not ready at ${url} within ${timeoutMs} ms (${lastProblem}); its last output:\n${child.recentOutput()}`,
  );
}
