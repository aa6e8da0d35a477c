import {
  advanceRollout,
  type ChangeAction,
  type ChangeRecord,
  decide,
  evaluateGates,
  type RolloutProgress,
  type RolloutStep,
  type RolloutStepOutcome,
  reconcileRollout,
} from "@fleetdeck/core";
import {
  type Database,
  finishRolloutStep,
  getChange,
  getRolloutStep,
  type JsonObject,
  listDueChanges,
  listExpiringChanges,
  type Queryable,
  startRolloutStep,
} from "@fleetdeck/db";
import { type Clock, ConfigConflictError } from "@fleetdeck/sources";
import { snapshotOf, writeTransition } from "../changes/change-store.ts";
import type { ConfigActuators } from "../changes/config-actuators.ts";
import type { SourceRegistry } from "../sources/source-registry.ts";
import type { GateMetricsReader } from "./gate-metrics-reader.ts";
import { rolloutSourceOf, withSource } from "./rollout-source.ts";

export interface RolloutControllerOptions {
  clock: Clock;
  /** How often it looks at rolling changes, in wall-clock milliseconds. */
  tickMs: number;
  /**
   * Called after a step's side effect and before its state write. Tests make the process die
   * here (SIGKILL) to show a step is neither repeated nor skipped after a restart.
   */
  afterSideEffect?: (step: RolloutStep, changeId: string) => void | Promise<void>;
}

/** Rolling changes looked at per tick; one active rollout per service keeps this small. */
const changesPerTick = 50;

/** What the controller last did with a change, for the console to show beside it. */
export interface RolloutActivity {
  atMs: number;
  step: RolloutStep["kind"];
  /** Why it waits, or what failed (a source that did not answer); null after a recorded step. */
  note: string | null;
}

const controllerAudit = { actor: "rollout controller", actorKind: "system" as const, ip: null, requestId: null };

/**
 * Carries rolling changes forward, one idempotent step at a time. Each step is computed by core
 * (reconcileRollout) from the stored progress and what the control plane holds now; its side
 * effect (writing configs, reading gate metrics) is announced in rollout_steps first, and its
 * result is written with the change's next version and an audit row in one transaction. The
 * controller keeps no state of its own: after a crash it reconciles the stored progress again,
 * gets the same step, repeats its side effect (writing a config already written changes nothing)
 * and records it once.
 */
export class RolloutController {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly activity = new Map<string, RolloutActivity>();

  constructor(
    private readonly db: Database,
    private readonly sources: SourceRegistry,
    private readonly actuators: ConfigActuators,
    private readonly gateMetrics: GateMetricsReader,
    private readonly options: RolloutControllerOptions,
  ) {}

  start() {
    this.stopped = false;
    this.schedule(0);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  activityOf(changeId: string): RolloutActivity | null {
    return this.activity.get(changeId) ?? null;
  }

  /** Looks at every due rollout once, and expires what ran out; a failure with one does not hold up the others. */
  async tick(): Promise<void> {
    await this.expireDue();
    const due = await listDueChanges(this.db, this.options.clock.nowMs(), changesPerTick);
    for (const change of due) {
      try {
        await this.step(change.id);
      } catch (error) {
        this.note(change.id, "wait", `could not take the next step: ${(error as Error).message}`);
      }
    }
  }

  /**
   * Requests not approved and started in time expire, and approvals that lapsed stop counting
   * (an approved change goes back to pending approval): the state machine decides which.
   */
  async expireDue(): Promise<number> {
    const nowMs = this.options.clock.nowMs();
    let expired = 0;
    for (const stored of await listExpiringChanges(this.db, nowMs, changesPerTick)) {
      const before = snapshotOf(stored);
      const decision = decide(
        before.record,
        { type: "expire" },
        { actor: "system", nowMs, approvalTtlMs: 0, requestTtlMs: 0 },
      );
      if (decision.kind !== "changed") continue;
      const written = await writeTransition(this.db, {
        before,
        next: decision.next,
        rollout: before.rollout,
        audit: { ...controllerAudit, actor: "expiry sweep", action: decision.auditAction },
        nowMs,
      });
      if (written) expired++;
    }
    return expired;
  }

  /** Takes at most one step of one change; returns what it did. */
  async step(changeId: string): Promise<RolloutStep | null> {
    const stored = await getChange(this.db, changeId);
    if (!stored) return null;
    const before = snapshotOf(stored);
    const progress = before.rollout;
    if (!progress || (before.record.state !== "rolling" && before.record.state !== "rolling_back")) return null;

    const source = rolloutSourceOf(progress, this.sources);
    const actuator = this.actuators.forSource(source.id);
    const serviceId = before.record.content.target.serviceId;
    const configs = await actuator.read(
      serviceId,
      progress.targets.map((t) => t.id),
    );
    const nowMs = this.options.clock.nowMs();
    const step = reconcileRollout(progress, { configs }, nowMs);
    if (step.kind === "wait") {
      this.note(changeId, "wait", step.reason);
      return step;
    }

    let outcome: RolloutStepOutcome = { kind: "done" };
    if (step.kind === "apply" || step.kind === "evaluateGates") {
      await this.announce(changeId, step, nowMs);
      if (step.kind === "apply") {
        try {
          await actuator.apply(serviceId, step.writes);
        } catch (error) {
          if (!(error instanceof ConfigConflictError)) throw error;
          outcome = { kind: "conflict", message: error.message };
        }
      } else {
        outcome = { kind: "gates", evaluation: await this.evaluate(step, progress, source) };
      }
      await this.options.afterSideEffect?.(step, changeId);
    }

    const recordedAtMs = this.options.clock.nowMs();
    const nextProgress = advanceRollout(progress, step, outcome, recordedAtMs);
    const { next, auditAction } = this.nextRecord(before.record, progress, nextProgress, step, recordedAtMs);
    const written = await writeTransition(this.db, {
      before,
      next,
      rollout: withSource(nextProgress, source.id),
      audit: { ...controllerAudit, action: auditAction },
      nowMs: recordedAtMs,
      alsoInTransaction: (tx) => this.finish(tx, changeId, step, outcome, recordedAtMs),
    });
    // Someone paused or rolled back meanwhile: nothing is recorded, the next look starts afresh.
    this.note(changeId, step.kind, written ? null : "another change to the rollout came first; looking again");
    return written ? step : null;
  }

  /** The change record after a step: the state machine's transition when the step ends a phase of the change. */
  private nextRecord(
    record: ChangeRecord,
    before: RolloutProgress,
    after: RolloutProgress,
    step: RolloutStep,
    nowMs: number,
  ): { next: ChangeRecord; auditAction: string } {
    const action = changeActionAfter(before, after, step);
    if (action) {
      const decision = decide(record, action, { actor: "system", nowMs, approvalTtlMs: 0, requestTtlMs: 0 });
      if (decision.kind === "changed") return { next: decision.next, auditAction: decision.auditAction };
    }
    return {
      next: { ...record, version: record.version + 1, updatedAtMs: nowMs },
      auditAction: `rollout.${kebab(step.kind)}`,
    };
  }

  private async evaluate(
    step: Extract<RolloutStep, { kind: "evaluateGates" }>,
    progress: RolloutProgress,
    source: ReturnType<typeof rolloutSourceOf>,
  ) {
    const inventory = await this.sources.call(source, "inventory", (s) => s.inventory());
    const byId = new Map(inventory.instances.map((i) => [i.id, i]));
    const instancesOf = (ids: readonly string[]) =>
      ids.map((id) => ({ id, memoryLimitBytes: byId.get(id)?.memoryLimitBytes ?? null }));
    const [canary, baseline] = await Promise.all([
      this.gateMetrics.read(source, instancesOf(step.canaryIds), {
        startMs: step.windowStartMs,
        endMs: step.windowEndMs,
      }),
      this.gateMetrics.read(source, instancesOf(step.baselineIds), {
        startMs: step.baselineWindowStartMs,
        endMs: step.baselineWindowEndMs,
      }),
    ]);
    return evaluateGates(progress.gates, canary, baseline);
  }

  /** Announces a side effect before it happens; after a crash the open row is found and reused. */
  private async announce(changeId: string, step: RolloutStep, atMs: number) {
    if (await getRolloutStep(this.db, changeId, step.seq)) return;
    await startRolloutStep(this.db, {
      changeId,
      seq: step.seq,
      kind: step.kind,
      stageIndex: "stageIndex" in step ? step.stageIndex : null,
      request: step as unknown as JsonObject,
      atMs,
    });
  }

  private async finish(tx: Queryable, changeId: string, step: RolloutStep, outcome: RolloutStepOutcome, atMs: number) {
    if (!(await getRolloutStep(tx, changeId, step.seq))) {
      await startRolloutStep(tx, {
        changeId,
        seq: step.seq,
        kind: step.kind,
        stageIndex: "stageIndex" in step ? step.stageIndex : null,
        request: step as unknown as JsonObject,
        atMs,
      });
    }
    await finishRolloutStep(tx, { changeId, seq: step.seq, outcome: outcome as unknown as JsonObject, atMs });
  }

  private note(changeId: string, step: RolloutStep["kind"], note: string | null) {
    this.activity.set(changeId, { atMs: this.options.clock.nowMs(), step, note });
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch(() => {})
        .finally(() => {
          this.running = null;
          this.schedule(this.options.tickMs);
        });
    }, delayMs);
    this.timer.unref?.();
  }
}

/** The change's own transition a step brings, if any: a hold, a failed gate, the end either way. */
function changeActionAfter(before: RolloutProgress, after: RolloutProgress, step: RolloutStep): ChangeAction | null {
  if (after.phase === "done" && before.phase !== "done") {
    return after.direction === "back" ? { type: "rolledBack" } : { type: "complete" };
  }
  if (after.direction === "back" && before.direction === "forward") {
    return { type: "gateFailed", reason: after.rollbackReason ?? "a gate failed" };
  }
  if (after.holdReason !== null && before.holdReason === null) {
    return { type: "hold", reason: after.holdReason };
  }
  if (step.kind === "hold") return { type: "hold", reason: step.reason };
  return null;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
