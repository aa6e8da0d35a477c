import { randomUUID } from "node:crypto";
import { formatBytes, type ProfileKind, rolesAllow } from "@fleetdeck/core";
import { appendAudit, type Database } from "@fleetdeck/db";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { RequestOrigin } from "../audit/audit-writer.ts";
import { auditContextOf, type Identity } from "../auth/identity.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitedError,
} from "../infra/errors.ts";
import type { SourceRegistry } from "../sources/source-registry.ts";
import { instanceLabelsOf, type LocatedInstance, locateInstance } from "./instance-locator.ts";
import type { ProfileAuthor, ProfileService } from "./profile-service.ts";
import { InvalidProfileError, type ProfileWorkers } from "./profile-workers.ts";

export interface CaptureRequest {
  instanceId: string;
  kind: ProfileKind;
  /** How long a CPU profile runs; the other kinds are snapshots and ignore it. */
  seconds?: number | undefined;
}

export interface CaptureStarted {
  captureId: string;
  kind: ProfileKind;
  instanceId: string;
  /** ISO 8601. */
  startedAt: string;
  /** How long the capture should take: the CPU profile's seconds, 0 for a snapshot. */
  expectedSeconds: number;
}

export type CaptureState = "running" | "done" | "failed" | "cancelled";

export interface CaptureStatus {
  state: CaptureState;
  /** Until a CPU capture's profile should be ready; 0 once it has ended or for a snapshot. */
  secondsLeft: number;
  profileId: string | null;
  error: string | null;
}

export interface ProfileCaptureLimits {
  /** Captures one user may start per minute. */
  capturesPerMinute: number;
  /** A bigger profile is refused. */
  maxBytes: number;
  /** How long a capture may take beyond its CPU seconds before it is stopped. */
  graceSeconds: number;
  /** How long the status of an ended capture can still be asked for. */
  keepStatusMs: number;
}

export const defaultCpuSeconds = 10;

interface Capture {
  id: string;
  kind: ProfileKind;
  instanceId: string;
  sourceId: string;
  startedBy: Identity;
  origin: RequestOrigin;
  startedAtMs: number;
  expectedSeconds: number;
  state: CaptureState;
  profileId: string | null;
  error: string | null;
  /** Who cancelled it, once someone has. */
  cancelledBy: string | null;
  endedAtMs: number | null;
  abort: AbortController;
  /** Settles when the capture has ended, whatever the outcome. */
  ended: Promise<void>;
}

/**
 * Captures profiles from instances through their source, in the background: the caller gets an id
 * at once and polls the status. A target's profiler is a shared resource, so at most one CPU
 * capture runs per instance at a time (Go's runtime refuses a second anyway), and each user may
 * start only so many captures a minute. Statuses live in this process for a few minutes.
 */
export class ProfileCaptures {
  private readonly captures = new Map<string, Capture>();
  /** The running CPU capture of each instance. */
  private readonly cpuCaptureOf = new Map<string, Capture>();
  private readonly perUser: RateLimiterMemory;

  constructor(
    private readonly deps: {
      db: Database;
      sources: SourceRegistry;
      profiles: ProfileService;
      workers: ProfileWorkers;
    },
    private readonly limits: ProfileCaptureLimits,
    private readonly wallClockMs: () => number = Date.now,
  ) {
    this.perUser = new RateLimiterMemory({
      keyPrefix: "profile-capture",
      points: limits.capturesPerMinute,
      duration: 60,
    });
  }

  async start(identity: Identity, origin: RequestOrigin, request: CaptureRequest): Promise<CaptureStarted> {
    this.forgetOldStatuses();
    const expectedSeconds = request.kind === "cpu" ? (request.seconds ?? defaultCpuSeconds) : 0;
    const located = await locateInstance(this.deps.sources, request.instanceId);
    if (!located) throw new NotFoundError(`no instance with id "${request.instanceId}" in any source`);
    const { source } = located;
    const captureProfile = source.captureProfile?.bind(source);
    if (!captureProfile) {
      throw new PreconditionFailedError(
        `source "${source.id}" (${source.kind}) cannot capture profiles of instance "${request.instanceId}"`,
      );
    }

    // Claimed before the rate limiter is asked (an await), so two requests at once cannot both pass.
    if (request.kind === "cpu") this.refuseSecondCpuCapture(request.instanceId);
    const nowMs = this.wallClockMs();
    const abort = new AbortController();
    const capture: Capture = {
      id: randomUUID(),
      kind: request.kind,
      instanceId: request.instanceId,
      sourceId: source.id,
      startedBy: identity,
      origin,
      startedAtMs: nowMs,
      expectedSeconds,
      state: "running",
      profileId: null,
      error: null,
      cancelledBy: null,
      endedAtMs: null,
      abort,
      ended: Promise.resolve(),
    };
    if (request.kind === "cpu") this.cpuCaptureOf.set(request.instanceId, capture);
    try {
      await this.perUser.consume(identity.userId);
    } catch (refusal) {
      this.release(capture);
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const waitSeconds = Math.ceil(refusal.msBeforeNext / 1000);
      throw new RateLimitedError(
        `${identity.username} has started ${this.limits.capturesPerMinute} profile captures in the last minute, ` +
          `the most allowed; try again in ${waitSeconds} s`,
        refusal.msBeforeNext,
      );
    }

    this.captures.set(capture.id, capture);
    capture.ended = this.run(capture, located, (signal) =>
      captureProfile(request.instanceId, { kind: request.kind, seconds: expectedSeconds }, signal),
    );
    return {
      captureId: capture.id,
      kind: capture.kind,
      instanceId: capture.instanceId,
      startedAt: new Date(nowMs).toISOString(),
      expectedSeconds,
    };
  }

  status(captureId: string): CaptureStatus {
    this.forgetOldStatuses();
    const capture = this.captureOf(captureId);
    const endsAtMs = capture.startedAtMs + capture.expectedSeconds * 1000;
    const secondsLeft =
      capture.state === "running" ? Math.max(0, Math.ceil((endsAtMs - this.wallClockMs()) / 1000)) : 0;
    return { state: capture.state, secondsLeft, profileId: capture.profileId, error: capture.error };
  }

  /** Stops a running capture (its starter or an administrator may); an ended one is left as it is. */
  async cancel(identity: Identity, origin: RequestOrigin, captureId: string): Promise<CaptureStatus> {
    const capture = this.captureOf(captureId);
    if (capture.startedBy.userId !== identity.userId && !rolesAllow(identity.roles, "administer")) {
      throw new ForbiddenError(
        `only ${capture.startedBy.username}, who started this capture, or an administrator can cancel it`,
      );
    }
    if (capture.state === "running" && capture.cancelledBy === null) {
      capture.cancelledBy = identity.username;
      capture.abort.abort();
      await capture.ended;
      await appendAudit(this.deps.db, {
        ...auditContextOf(identity, origin),
        action: "profile.cancel-capture",
        entityType: "profile-capture",
        entityId: capture.id,
        after: { instanceId: capture.instanceId, kind: capture.kind, startedBy: capture.startedBy.username },
      });
    }
    return this.status(captureId);
  }

  /** Stops every running capture, for shutdown. */
  async close(): Promise<void> {
    const running = [...this.captures.values()].filter((capture) => capture.state === "running");
    for (const capture of running) capture.abort.abort();
    await Promise.all(running.map((capture) => capture.ended));
  }

  private async run(
    capture: Capture,
    located: LocatedInstance,
    fetchProfile: (signal: AbortSignal) => Promise<Uint8Array>,
  ): Promise<void> {
    const what = `the ${capture.kind} profile of instance "${capture.instanceId}"`;
    try {
      const bytes = await this.fetchWithinLimits(capture, what, fetchProfile);
      const summary = await this.deps.workers.summarize(bytes, what).catch((error: unknown) => {
        if (error instanceof InvalidProfileError) {
          throw new Error(`instance "${capture.instanceId}" served something that is not a profile: ${error.message}`);
        }
        throw error;
      });
      if (capture.abort.signal.aborted) return;
      const author: ProfileAuthor = {
        userId: capture.startedBy.userId,
        audit: auditContextOf(capture.startedBy, capture.origin),
      };
      const meta = await this.deps.profiles.save(author, "profile.capture", {
        name: profileNameOf(capture),
        kind: capture.kind,
        origin: "capture",
        instanceId: capture.instanceId,
        service: located.instance.serviceId,
        sourceId: located.source.id,
        capturedAtMs: summary.timeMs > 0 ? summary.timeMs : capture.startedAtMs,
        durationSeconds: summary.durationNanos > 0 ? summary.durationNanos / 1e9 : capture.expectedSeconds || null,
        sampleTypes: summary.sampleTypes,
        defaultSampleType: summary.defaultSampleType,
        totals: summary.totals,
        labels: instanceLabelsOf(located),
        bytes,
        createdByUserId: capture.startedBy.userId,
        createdAtMs: this.wallClockMs(),
      });
      capture.state = "done";
      capture.profileId = meta.id;
    } catch (error) {
      if (!capture.abort.signal.aborted) {
        capture.state = "failed";
        capture.error = (error as Error).message;
        await this.recordFailure(capture).catch(() => {});
      }
    } finally {
      // Still running here means it was stopped on purpose (once stored, it is done whatever came after).
      if (capture.state === "running") {
        capture.state = "cancelled";
        capture.error = capture.cancelledBy === null ? "the server stopped" : `cancelled by ${capture.cancelledBy}`;
      }
      capture.endedAtMs = this.wallClockMs();
      this.release(capture);
    }
  }

  /** The target's answer, within the capture's time bound and the size cap. */
  private async fetchWithinLimits(
    capture: Capture,
    what: string,
    fetchProfile: (signal: AbortSignal) => Promise<Uint8Array>,
  ): Promise<Uint8Array> {
    const timeLimitSeconds = capture.expectedSeconds + this.limits.graceSeconds;
    const timeLimit = AbortSignal.timeout(timeLimitSeconds * 1000);
    let bytes: Uint8Array;
    try {
      bytes = await fetchProfile(AbortSignal.any([capture.abort.signal, timeLimit]));
    } catch (error) {
      if (!timeLimit.aborted || capture.abort.signal.aborted) throw error;
      throw new Error(
        `capturing ${what} took longer than ${timeLimitSeconds} s ` +
          `(${capture.expectedSeconds} s of profiling and ${this.limits.graceSeconds} s for the answer) and was stopped`,
      );
    }
    if (bytes.byteLength > this.limits.maxBytes) {
      throw new Error(
        `${what} is ${formatBytes(bytes.byteLength)}, more than the ${formatBytes(this.limits.maxBytes)} limit`,
      );
    }
    return bytes;
  }

  /** A failed capture is recorded too: it asked a production instance for work. */
  private async recordFailure(capture: Capture): Promise<void> {
    await appendAudit(this.deps.db, {
      ...auditContextOf(capture.startedBy, capture.origin),
      action: "profile.capture",
      entityType: "profile-capture",
      entityId: capture.id,
      after: { instanceId: capture.instanceId, kind: capture.kind, error: capture.error },
      outcome: "failed",
    });
  }

  private refuseSecondCpuCapture(instanceId: string): void {
    const running = this.cpuCaptureOf.get(instanceId);
    if (!running) return;
    const endsAtMs = running.startedAtMs + running.expectedSeconds * 1000;
    const secondsLeft = Math.max(0, Math.ceil((endsAtMs - this.wallClockMs()) / 1000));
    throw new ConflictError(
      `${running.startedBy.username} is already capturing a CPU profile of instance "${instanceId}" ` +
        `(until ${new Date(endsAtMs).toISOString()}, ${secondsLeft} s from now); one CPU capture per instance at a time`,
    );
  }

  private release(capture: Capture): void {
    if (this.cpuCaptureOf.get(capture.instanceId) === capture) this.cpuCaptureOf.delete(capture.instanceId);
  }

  private captureOf(captureId: string): Capture {
    const capture = this.captures.get(captureId);
    if (!capture) {
      throw new NotFoundError(
        `no capture with id "${captureId}" (an ended capture is remembered for ${this.limits.keepStatusMs / 60_000} minutes)`,
      );
    }
    return capture;
  }

  private forgetOldStatuses(): void {
    const oldestKeptMs = this.wallClockMs() - this.limits.keepStatusMs;
    for (const [id, capture] of this.captures) {
      if (capture.endedAtMs !== null && capture.endedAtMs < oldestKeptMs) this.captures.delete(id);
    }
  }
}

/** e.g. "checkout-7-cpu-20260314T101500Z": readable, and safe as a file name once downloaded. */
function profileNameOf(capture: Capture): string {
  const stamp = new Date(capture.startedAtMs).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  return `${capture.instanceId}-${capture.kind}-${stamp}`.replace(/[^\w.-]+/g, "_").slice(0, 200);
}
