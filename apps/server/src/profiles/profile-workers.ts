import { availableParallelism } from "node:os";
import type { ProfileDiffTop, ProfileTop } from "@fleetdeck/core";
import { Piscina } from "piscina";
import { InvalidRequestError, TimeLimitError } from "../infra/errors.ts";
import type {
  DiffFlameTask,
  DiffTopTask,
  FlameTask,
  ProfileSummary,
  SandwichTask,
  StoredProfileInput,
  WorkerProblem,
} from "./profile-worker.ts";

/** Bytes that are not a pprof profile (or not one we can read): refused, never stored. */
export class InvalidProfileError extends Error {}

export interface ProfileWorkersOptions {
  /** A task still unanswered after this long (waiting for a thread included) is stopped. */
  taskTimeoutMs: number;
  /** Threads at most; by default one core is left to the event loop, within 1..2. */
  maxThreads?: number;
}

/**
 * The worker module: the bundle ships it beside itself as profile-worker.mjs (see build.ts); from
 * the TypeScript sources it is loaded through tsx (see profile-worker-from-source.mjs).
 */
function workerFileUrl(): string {
  const fromSource = import.meta.url.endsWith(".ts");
  return new URL(fromSource ? "./profile-worker-from-source.mjs" : "./profile-worker.mjs", import.meta.url).href;
}

/**
 * Copies bytes into an ArrayBuffer of their own, which can then be moved to the worker: the
 * caller keeps its bytes, and a Buffer's shared pool is never moved. (Buffer#slice would not copy.)
 */
function ownCopyOf(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

function transferable(input: StoredProfileInput): StoredProfileInput {
  return { ...input, bytes: ownCopyOf(input.bytes) };
}

const durationText = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

function isProblem(value: unknown): value is WorkerProblem {
  return typeof value === "object" && value !== null && !ArrayBuffer.isView(value) && "problem" in value;
}

/**
 * Decoding and every computation on a decoded profile run on a small pool of worker threads
 * (piscina), so a large profile never blocks the event loop. The pool starts on first use.
 */
export class ProfileWorkers {
  private pool: Piscina | null = null;
  private readonly maxThreads: number;

  constructor(private readonly options: ProfileWorkersOptions) {
    this.maxThreads = options.maxThreads ?? Math.max(1, Math.min(2, availableParallelism() - 1));
  }

  /** Checks that the bytes are a profile and reads its sample types and totals. */
  summarize(bytes: Uint8Array, label: string): Promise<ProfileSummary> {
    const copy = ownCopyOf(bytes);
    return this.run("summarize", `reading ${label}`, { bytes: copy, label }, [copy.buffer]);
  }

  top(profile: StoredProfileInput, sampleType: string | undefined): Promise<ProfileTop> {
    const task = { profile: transferable(profile), sampleType };
    return this.run("top", `the top table of ${profile.label}`, task, [task.profile.bytes.buffer]);
  }

  flame(task: FlameTask): Promise<Uint8Array> {
    const sent = { ...task, profile: transferable(task.profile) };
    return this.run("flame", `the flame graph of ${task.profile.label}`, sent, [sent.profile.bytes.buffer]);
  }

  sandwich(task: SandwichTask): Promise<Uint8Array> {
    const sent = { ...task, profile: transferable(task.profile) };
    return this.run("sandwich", `the ${task.view} of ${task.functionName} in ${task.profile.label}`, sent, [
      sent.profile.bytes.buffer,
    ]);
  }

  diffFlame(task: DiffFlameTask): Promise<Uint8Array> {
    const sent = { ...task, base: transferable(task.base), target: transferable(task.target) };
    return this.run("diffFlame", `the difference of ${task.target.label} from ${task.base.label}`, sent, [
      sent.base.bytes.buffer,
      sent.target.bytes.buffer,
    ]);
  }

  diffTop(task: DiffTopTask): Promise<ProfileDiffTop> {
    const sent = { ...task, base: transferable(task.base), target: transferable(task.target) };
    return this.run("diffTop", `the top changes from ${task.base.label} to ${task.target.label}`, sent, [
      sent.base.bytes.buffer,
      sent.target.bytes.buffer,
    ]);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }

  private poolOf(): Piscina {
    this.pool ??= new Piscina({
      filename: workerFileUrl(),
      // One thread stays (with its decoded profiles) once started; a second comes and goes with load.
      minThreads: 1,
      maxThreads: this.maxThreads,
      idleTimeout: 60_000,
    });
    return this.pool;
  }

  private async run<T>(operation: string, what: string, task: unknown, transferList: ArrayBufferLike[]): Promise<T> {
    let answer: unknown;
    try {
      // Aborting a task that is running terminates its thread: a runaway regex or a pathological
      // profile cannot keep a core busy past the bound.
      answer = await this.poolOf().run(task, {
        name: operation,
        transferList: transferList as ArrayBuffer[],
        signal: AbortSignal.timeout(this.options.taskTimeoutMs),
      });
    } catch (error) {
      if ((error as Error).name === "AbortError") {
        throw new TimeLimitError(
          `${what} took longer than ${durationText(this.options.taskTimeoutMs)} and was stopped; ` +
            "try a narrower view (a focus, or a zoomed frame)",
        );
      }
      throw error;
    }
    if (isProblem(answer)) {
      throw answer.problem === "decode"
        ? new InvalidProfileError(answer.message)
        : new InvalidRequestError(answer.message);
    }
    return answer as T;
  }
}
