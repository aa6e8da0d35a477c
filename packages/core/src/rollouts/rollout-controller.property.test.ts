import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GateSpec, RolloutStage } from "../changes/change-request.ts";
import { config, FakeControlPlane } from "./fake-control-plane.test-support.ts";
import { evaluateGates, type MetricWindow } from "./gate-evaluation.ts";
import { advanceRollout } from "./rollout-advance.ts";
import type { RolloutTargetInstance } from "./rollout-batches.ts";
import { beginRollback, holdRollout, type RolloutProgress, resumeRollout, startRollout } from "./rollout-progress.ts";
import { reconcileRollout } from "./rollout-reconcile.ts";
import type { RolloutStep, RolloutStepOutcome, RolloutWrite } from "./rollout-step.ts";
import { sameDesiredConfig } from "./same-desired-config.ts";

/**
 * Random plans over random fleets, driven like the server's controller loop through random faults:
 * crashes between a side effect and its record, instances that do not converge, configs changed
 * underneath, missing / NaN / scarce / worse metrics, and operators holding, resuming and aborting.
 */

type MetricMode = "ok" | "worse" | "nan" | "absent" | "few";
interface Tick {
  elapsedMs: number;
  crashBeforeRecord: boolean;
  stick: number | null;
  unstickAll: boolean;
  drift: number | null;
  fixDrift: boolean;
  metrics: MetricMode;
  operator: "none" | "hold" | "resume" | "rollback";
}

const regionIds = ["eu", "us"];
const pauseGate: GateSpec = { metric: "gcPauseP99", maxIncrease: 0.2, noiseFloor: 0.001 };
const before = config(100);
const foreign = config(77);
const t0 = 1_700_000_000_000;

const arbitraryTargets: fc.Arbitrary<RolloutTargetInstance[]> = fc
  .uniqueArray(
    fc.record({
      id: fc.stringMatching(/^i[0-9]{1,3}$/),
      regionId: fc.constantFrom(...regionIds),
      cluster: fc.constantFrom("a", "b", "c"),
    }),
    { selector: (i) => i.id, minLength: 1, maxLength: 12 },
  )
  .map((list) => list.map(({ id, regionId, cluster }) => ({ id, regionId, clusterId: `${regionId}-${cluster}` })));

const arbitraryStages: fc.Arbitrary<RolloutStage[]> = fc.array(
  fc.record({
    name: fc.constantFrom("canary", "stage"),
    regionId: fc.option(fc.constantFrom(...regionIds, "ap"), { nil: null }),
    size: fc.oneof(
      fc.record({ kind: fc.constant("instances" as const), count: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ kind: fc.constant("percent" as const), percent: fc.constantFrom(10, 25, 50, 100) }),
    ),
    bakeSeconds: fc.integer({ min: 0, max: 120 }),
  }),
  { minLength: 1, maxLength: 6 },
);

/** Picks `rare` about once in `oneIn` draws, else null. */
const sometimes = <T>(rare: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: oneIn - 1 }, { arbitrary: rare, weight: 1 });

const arbitraryTick: fc.Arbitrary<Tick> = fc.record({
  elapsedMs: fc.integer({ min: 1_000, max: 90_000 }),
  crashBeforeRecord: fc.boolean(),
  stick: sometimes(fc.nat(11), 8),
  unstickAll: fc.boolean(),
  drift: sometimes(fc.nat(11), 25),
  fixDrift: fc.boolean(),
  metrics: fc.oneof(
    { arbitrary: fc.constant<MetricMode>("ok"), weight: 6 },
    fc.constantFrom<MetricMode>("worse", "nan", "absent", "few"),
  ),
  operator: fc.oneof(
    { arbitrary: fc.constant<Tick["operator"]>("none"), weight: 30 },
    { arbitrary: fc.constant<Tick["operator"]>("resume"), weight: 6 },
    { arbitrary: fc.constant<Tick["operator"]>("hold"), weight: 2 },
    { arbitrary: fc.constant<Tick["operator"]>("rollback"), weight: 1 },
  ),
});

/** What the server's metric read would return for the step's instances, shaped by the fault. */
function metricWindows(step: Extract<RolloutStep, { kind: "evaluateGates" }>, mode: MetricMode) {
  const window = (ids: string[], values: number[]): MetricWindow => ({
    gcPauseP99: Object.fromEntries(ids.map((id) => [id, values])),
  });
  const normal = [0.002, 0.002, 0.002];
  const canaryValues =
    mode === "worse"
      ? [0.01, 0.01, 0.01]
      : mode === "nan"
        ? [Number.NaN, Number.NaN]
        : mode === "few"
          ? [0.002]
          : normal;
  return {
    canary: mode === "absent" ? {} : window(step.canaryIds, canaryValues),
    baseline: window(step.baselineIds, normal),
  };
}

class Simulation {
  readonly plane: FakeControlPlane;
  progress: RolloutProgress;
  now = t0;
  /** Instances someone else changed underneath the rollout. */
  readonly drifted = new Set<string>();
  /** Instances the rollout's forward applies wrote, and each stage's first writes. */
  readonly written = new Set<string>();
  readonly firstWrites = new Map<number, RolloutWrite[]>();
  /** When the test saw every instance of a stage report the new config. */
  readonly convergedAt = new Map<number, number>();

  constructor(
    readonly targets: RolloutTargetInstance[],
    stages: RolloutStage[],
    gates: GateSpec[],
  ) {
    this.plane = new FakeControlPlane(Object.fromEntries(targets.map((t) => [t.id, before])));
    this.progress = startRollout(
      { stages, gates, convergenceTimeoutSeconds: 60 },
      targets,
      this.plane.read(),
      { gogc: 200 },
      this.now,
    );
  }

  /** Carries out a step's side effect; returns what advanceRollout is told. */
  perform(step: RolloutStep, metrics: MetricMode): RolloutStepOutcome {
    if (step.kind === "apply") {
      if (step.direction === "forward") {
        const first = this.firstWrites.get(step.stageIndex);
        if (first) expect(step.writes, "a stage is applied with the same writes every time").toEqual(first);
        else this.firstWrites.set(step.stageIndex, step.writes);
        expect(step.stageIndex).toBe(this.progress.stageIndex);
      }
      const conflicts = this.plane.apply(step.writes);
      if (conflicts.length > 0) return { kind: "conflict", message: conflicts.join(", ") };
      if (step.direction === "forward") for (const w of step.writes) this.written.add(w.instanceId);
      return { kind: "done" };
    }
    if (step.kind === "evaluateGates") {
      const { canary, baseline } = metricWindows(step, metrics);
      return { kind: "gates", evaluation: evaluateGates(this.progress.gates, canary, baseline) };
    }
    return { kind: "done" };
  }

  /** One controller tick: reconcile, side effect, maybe a crash and a replay, then the record. */
  tick(metrics: MetricMode, crash: boolean): void {
    this.plane.converge(this.now);
    this.noteConvergence();
    let step = reconcileRollout(this.progress, { configs: this.plane.read() }, this.now);
    this.expectSuspendedOnDrift(step);
    this.expectFullBake(step);
    let outcome = this.perform(step, metrics);
    if (crash) {
      // The side effect happened, its record did not: a new process reconciles the stored progress.
      const replayed = reconcileRollout(this.progress, { configs: this.plane.read() }, this.now);
      if (step.kind === "apply" && step.direction === "forward" && outcome.kind === "done") {
        expect(replayed, "a replayed apply is the same apply").toEqual(step);
      }
      this.expectSuspendedOnDrift(replayed);
      this.expectFullBake(replayed);
      step = replayed;
      outcome = this.perform(step, metrics);
    }
    this.record(step, outcome);
  }

  noteConvergence(): void {
    const { batches, stageIndex, desired, direction } = this.progress;
    const batch = batches[stageIndex];
    if (direction === "back" || !batch || this.convergedAt.has(stageIndex)) return;
    const reported = batch.instanceIds.every(
      (id) => this.written.has(id) && sameDesiredConfig(this.plane.instances.get(id)?.observed ?? null, desired[id]!),
    );
    if (batch.instanceIds.length > 0 && reported) this.convergedAt.set(stageIndex, this.now);
  }

  /** Gates decide only after the whole bake, counted from when the stage's instances reported the new config. */
  expectFullBake(step: RolloutStep): void {
    if (step.kind !== "evaluateGates") return;
    const bakeMs = this.progress.batches[step.stageIndex]!.bakeSeconds * 1000;
    const convergedAt = this.convergedAt.get(step.stageIndex);
    expect(convergedAt).toBeDefined();
    expect(step.windowEndMs).toBeGreaterThanOrEqual(convergedAt! + bakeMs);
    expect(this.now).toBeGreaterThanOrEqual(step.windowEndMs);
  }

  /** While a config changed underneath is in place, a forward rollout does nothing but hold or wait. */
  expectSuspendedOnDrift(step: RolloutStep): void {
    if (this.progress.direction === "back") return;
    const changedUnderneath = this.targets.some((t) => sameDesiredConfig(this.plane.desiredOf(t.id), foreign));
    if (changedUnderneath) expect(["hold", "wait"]).toContain(step.kind);
  }

  record(step: RolloutStep, outcome: RolloutStepOutcome): void {
    const earlier = this.progress;
    const next = JSON.parse(JSON.stringify(advanceRollout(earlier, step, outcome, this.now))) as RolloutProgress;
    expect(next.seq).toBe(step.kind === "wait" ? earlier.seq : earlier.seq + 1);
    expect(next.stageIndex - earlier.stageIndex).toBeGreaterThanOrEqual(0);
    expect(next.stageIndex - earlier.stageIndex).toBeLessThanOrEqual(1);
    if (next.stageIndex > earlier.stageIndex) {
      const batch = earlier.batches[earlier.stageIndex]!;
      const verdict = next.gateResults[earlier.stageIndex]?.verdict;
      expect(batch.instanceIds.length === 0 || verdict === "pass", "a stage is left only when it passed").toBe(true);
    }
    if (next.phase === "done" && next.direction === "forward") this.expectCompleted(next);
    this.progress = next;
  }

  expectCompleted(progress: RolloutProgress): void {
    progress.batches.forEach((batch, index) => {
      if (batch.instanceIds.length > 0) expect(progress.gateResults[index]?.verdict).toBe("pass");
    });
    for (const { id } of this.targets) {
      const staged = progress.batches.some((b) => b.instanceIds.includes(id));
      if (staged && !this.drifted.has(id)) expect(this.plane.desiredOf(id)).toEqual(progress.desired[id]);
    }
  }

  expectRolledBack(): void {
    expect(this.progress).toMatchObject({ phase: "done", direction: "back" });
    for (const id of this.written) {
      if (this.drifted.has(id)) continue;
      expect(this.plane.desiredOf(id), `${id} is restored`).toEqual(this.progress.restore[id]);
      expect(this.plane.instances.get(id)?.observed).toEqual(this.progress.restore[id]);
    }
  }

  injectFaults(tick: Tick): void {
    const at = (index: number | null) => (index === null ? undefined : this.targets[index % this.targets.length]);
    if (tick.unstickAll) this.plane.stuck.clear();
    const stuck = at(tick.stick);
    if (stuck) this.plane.stuck.add(stuck.id);
    const drifting = at(tick.drift);
    if (drifting) {
      this.plane.changeUnderneath(drifting.id, foreign);
      this.drifted.add(drifting.id);
    }
    if (tick.fixDrift) this.putDriftBack();
  }

  /** Someone puts back what the rollout expects, so it can resume. */
  putDriftBack(): void {
    for (const id of this.drifted) {
      const held = this.plane.desiredOf(id);
      if (!sameDesiredConfig(held, foreign)) continue;
      this.plane.changeUnderneath(id, this.written.has(id) ? this.progress.desired[id]! : before);
      this.drifted.delete(id);
    }
  }

  operate(action: Tick["operator"]): void {
    if (action === "hold") this.progress = holdRollout(this.progress, "operator pause");
    if (action === "resume") this.progress = resumeRollout(this.progress, this.now);
    if (action === "rollback") this.progress = beginRollback(this.progress, "operator abort", this.now);
  }
}

describe("the rollout controller under random faults", () => {
  it("never skips a stage, never re-applies one differently, never completes on a bad gate, and rolls back fully", () => {
    fc.assert(
      fc.property(
        arbitraryTargets,
        arbitraryStages,
        fc.constantFrom<GateSpec[]>([pauseGate], [pauseGate], []),
        fc.array(arbitraryTick, { minLength: 10, maxLength: 150 }),
        sometimes(fc.nat(5), 3),
        (targets, stages, gates, ticks, regressingStage) => {
          const sim = new Simulation(targets, stages, gates);
          for (const tick of ticks) {
            if (sim.progress.phase === "done") break;
            sim.now += tick.elapsedMs;
            sim.injectFaults(tick);
            sim.operate(tick.operator);
            // A regressing stage's canaries look worse whenever the metrics source answers.
            const regresses = sim.progress.stageIndex === regressingStage && tick.metrics === "ok";
            sim.tick(regresses ? "worse" : tick.metrics, tick.crashBeforeRecord);
          }
          if (sim.progress.phase === "done" && sim.progress.direction === "forward") return;

          // Whatever state it is in, an abort brings every written instance back, faults or not.
          sim.progress = beginRollback(sim.progress, "operator abort", sim.now);
          for (let i = 0; i < 20 && sim.progress.phase !== "done"; i++) {
            sim.now += 10_000;
            if (i === 5) sim.plane.stuck.clear();
            sim.tick("nan", i % 2 === 0);
          }
          sim.expectRolledBack();
        },
      ),
      { seed: 20_260_601, numRuns: 400 },
    );
  }, 60_000);

  it("completes a fault-free rollout with every target instance on the new config", () => {
    fc.assert(
      fc.property(arbitraryTargets, arbitraryStages, (targets, stages) => {
        const all: RolloutStage[] = [
          ...stages,
          { name: "all", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds: 30 },
        ];
        const sim = new Simulation(targets, all, [pauseGate]);
        for (let i = 0; i < 200 && sim.progress.phase !== "done"; i++) {
          sim.now += 15_000;
          sim.tick("ok", i % 3 === 0);
        }
        expect(sim.progress).toMatchObject({ phase: "done", direction: "forward" });
        for (const { id } of targets) expect(sim.plane.desiredOf(id)?.gogc).toBe(200);
      }),
      { seed: 20_260_602, numRuns: 150 },
    );
  }, 60_000);
});
