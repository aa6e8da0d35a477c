import { describe, expect, it } from "vitest";
import type { RolloutPlan } from "../changes/change-request.ts";
import { config, FakeControlPlane } from "./fake-control-plane.test-support.ts";
import type { GateEvaluation } from "./gate-evaluation.ts";
import { advanceRollout, StaleRolloutStepError } from "./rollout-advance.ts";
import type { RolloutTargetInstance } from "./rollout-batches.ts";
import {
  beginRollback,
  holdRollout,
  type RolloutProgress,
  RolloutStartError,
  resumeRollout,
  startRollout,
} from "./rollout-progress.ts";
import { reconcileRollout } from "./rollout-reconcile.ts";
import type { RolloutStep } from "./rollout-step.ts";

const targets: RolloutTargetInstance[] = [
  { id: "a1", regionId: "eu", clusterId: "eu-a" },
  { id: "a2", regionId: "eu", clusterId: "eu-a" },
  { id: "b1", regionId: "eu", clusterId: "eu-b" },
  { id: "b2", regionId: "eu", clusterId: "eu-b" },
  { id: "u1", regionId: "us", clusterId: "us-a" },
  { id: "u2", regionId: "us", clusterId: "us-a" },
];
const plan: RolloutPlan = {
  stages: [
    { name: "eu canary", regionId: "eu", size: { kind: "instances", count: 1 }, bakeSeconds: 60 },
    { name: "eu 100 %", regionId: "eu", size: { kind: "percent", percent: 100 }, bakeSeconds: 60 },
    { name: "ap 100 %", regionId: "ap", size: { kind: "percent", percent: 100 }, bakeSeconds: 60 },
    { name: "us 100 %", regionId: "us", size: { kind: "percent", percent: 100 }, bakeSeconds: 60 },
  ],
  gates: [{ metric: "gcPauseP99", maxIncrease: 0.2, noiseFloor: 0.001 }],
  convergenceTimeoutSeconds: 30,
};
const before = config(100);
const after = config(200);
const t0 = 1_000_000;
const passed: GateEvaluation = { verdict: "pass", results: [] };
const failed: GateEvaluation = {
  verdict: "fail",
  results: [
    {
      metric: "gcPauseP99",
      verdict: "fail",
      canary: 2,
      baseline: 1,
      threshold: 0.2,
      canaryPoints: 3,
      baselinePoints: 3,
      message: "GC pause p99 rose 100 %",
    },
  ],
};
const inconclusive: GateEvaluation = {
  verdict: "inconclusive",
  results: [
    { ...failed.results[0]!, verdict: "inconclusive", message: "GC pause p99: no finite data from the canary" },
  ],
};

function setUp() {
  const plane = new FakeControlPlane(Object.fromEntries(targets.map((t) => [t.id, before])));
  const progress = startRollout(plan, targets, plane.read(), { gogc: 200 }, t0);
  return { plane, progress };
}

/** Carries out a step against the fake control plane and records it, as the server's controller does. */
function perform(
  progress: RolloutProgress,
  step: RolloutStep,
  plane: FakeControlPlane,
  nowMs: number,
  gates: GateEvaluation = passed,
): RolloutProgress {
  if (step.kind === "apply") {
    const conflicts = plane.apply(step.writes);
    const outcome =
      conflicts.length > 0 ? { kind: "conflict" as const, message: conflicts.join(", ") } : { kind: "done" as const };
    return advanceRollout(progress, step, outcome, nowMs);
  }
  if (step.kind === "evaluateGates") return advanceRollout(progress, step, { kind: "gates", evaluation: gates }, nowMs);
  return advanceRollout(progress, step, { kind: "done" }, nowMs);
}

describe("startRollout", () => {
  it("freezes each instance's new config, what it held, and the batches", () => {
    const { progress } = setUp();
    expect(progress.desired.a1).toEqual(after);
    expect(progress.previous.a1).toEqual(before);
    expect(progress.batches.map((b) => b.instanceIds)).toEqual([["a1"], ["b1", "a2", "b2"], [], ["u1", "u2"]]);
    expect(JSON.parse(JSON.stringify(progress))).toEqual(progress);
  });

  it("restores an instance without a desired config to the config it reported at start", () => {
    const plane = new FakeControlPlane(
      Object.fromEntries(targets.map((t) => [t.id, t.id === "a1" ? null : before])),
      Object.fromEntries(targets.map((t) => [t.id, config(150)])),
    );
    const progress = startRollout(plan, targets, plane.read(), { gogc: 200, custom: { "feature.x": "on" } }, t0);
    expect(progress.previous.a1).toBeNull();
    expect(progress.restore.a1).toEqual(config(150));
    expect(progress.desired.a1).toEqual(config(200, { custom: { "feature.x": "on" } }));
  });

  it("refuses instances whose config nobody knows", () => {
    const plane = new FakeControlPlane({ a1: null, a2: before }, { a1: null, a2: before });
    expect(() => startRollout(plan, targets.slice(0, 2), plane.read(), { gogc: 200 }, t0)).toThrow(RolloutStartError);
    expect(() => startRollout(plan, targets.slice(0, 3), plane.read(), { gogc: 200 }, t0)).toThrow(
      "a1, b1 have no desired config and never reported one",
    );
  });
});

describe("reconcile forward", () => {
  it("applies, waits for convergence, bakes, evaluates gates, and moves on stage by stage", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    let now = t0;

    const apply = reconcileRollout(progress, { configs: plane.read() }, now);
    expect(apply).toEqual({
      kind: "apply",
      seq: 0,
      direction: "forward",
      stageIndex: 0,
      writes: [{ instanceId: "a1", config: after, expected: before }],
    });
    progress = perform(progress, apply, plane, now);
    expect(progress).toMatchObject({ phase: "converge", seq: 1 });

    now += 5_000;
    const waiting = reconcileRollout(progress, { configs: plane.read() }, now);
    expect(waiting).toMatchObject({ kind: "wait", untilMs: t0 + 30_000 });
    expect(waiting.kind === "wait" && waiting.reason).toContain("waiting for 1 of 1 instances");
    expect(advanceRollout(progress, waiting, { kind: "done" }, now)).toBe(progress);

    plane.converge(now);
    const bake = reconcileRollout(progress, { configs: plane.read() }, now);
    expect(bake).toEqual({ kind: "startBake", seq: 1, stageIndex: 0, convergedAtMs: now, bakeUntilMs: now + 60_000 });
    progress = perform(progress, bake, plane, now);

    const baking = reconcileRollout(progress, { configs: plane.read() }, now + 59_999);
    expect(baking).toMatchObject({ kind: "wait", untilMs: now + 60_000 });

    const gates = reconcileRollout(progress, { configs: plane.read() }, now + 60_000);
    expect(gates).toEqual({
      kind: "evaluateGates",
      seq: 2,
      stageIndex: 0,
      canaryIds: ["a1"],
      baselineIds: ["a2", "b1", "b2"],
      baselineKind: "unchanged-instances",
      windowStartMs: now,
      windowEndMs: now + 60_000,
      baselineWindowStartMs: now,
      baselineWindowEndMs: now + 60_000,
    });
    progress = perform(progress, gates, plane, now + 61_000);
    expect(progress).toMatchObject({
      stageIndex: 1,
      phase: "apply",
      seq: 3,
      stageStartedAtMs: [t0, now + 61_000, null, null],
    });
    expect(progress.gateResults[0]).toMatchObject({ verdict: "pass", windowStartMs: now, evaluatedAtMs: now + 61_000 });
  });

  it("compares a fleet-wide canary with unchanged instances of its own region, or all of them when its region has none", () => {
    const fleetWide: RolloutPlan = {
      ...plan,
      stages: [
        { name: "canary", regionId: null, size: { kind: "instances", count: 1 }, bakeSeconds: 60 },
        { name: "all", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds: 60 },
      ],
    };
    const baselineOf = (fleet: RolloutTargetInstance[]) => {
      const plane = new FakeControlPlane(Object.fromEntries(fleet.map((t) => [t.id, before])));
      let progress = startRollout(fleetWide, fleet, plane.read(), { gogc: 200 }, t0);
      progress = perform(progress, reconcileRollout(progress, { configs: plane.read() }, t0), plane, t0);
      plane.converge(t0);
      progress = perform(progress, reconcileRollout(progress, { configs: plane.read() }, t0), plane, t0);
      const gates = reconcileRollout(progress, { configs: plane.read() }, t0 + 60_000);
      if (gates.kind !== "evaluateGates") throw new Error(`expected gates, got ${gates.kind}`);
      return { canaryIds: gates.canaryIds, baselineIds: gates.baselineIds };
    };
    expect(baselineOf(targets)).toEqual({ canaryIds: ["a1"], baselineIds: ["a2", "b1", "b2"] });
    const alone: RolloutTargetInstance[] = [
      { id: "a1", regionId: "ap", clusterId: "ap-a" },
      { id: "u1", regionId: "us", clusterId: "us-a" },
      { id: "u2", regionId: "us", clusterId: "us-a" },
    ];
    expect(baselineOf(alone)).toEqual({ canaryIds: ["a1"], baselineIds: ["u1", "u2"] });
  });

  it("compares a stage that leaves no unchanged instance with the same instances before they changed", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    const stage1StartMs = t0 + 100_000;
    progress = runUntil(progress, plane, t0, (p) => p.stageIndex === 1);
    expect(progress.stageStartedAtMs[1]).toBeLessThan(stage1StartMs);
    let now = stage1StartMs;
    for (;;) {
      const step = reconcileRollout(progress, { configs: plane.read() }, now);
      if (step.kind === "evaluateGates") {
        expect(step).toMatchObject({
          stageIndex: 1,
          canaryIds: ["a1", "a2", "b1", "b2"],
          baselineIds: ["a1", "a2", "b1", "b2"],
          baselineKind: "before-change",
          // The canary a1 changed in stage 0, which began at t0: the baseline window ends there.
          baselineWindowEndMs: t0,
          baselineWindowStartMs: t0 - 60_000,
        });
        expect(step.windowEndMs - step.windowStartMs).toBe(60_000);
        break;
      }
      progress = perform(progress, step, plane, now);
      plane.converge(now);
      now += 10_000;
    }
  });

  it("passes over a stage without instances, and completes after the last stage", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    progress = runUntil(progress, plane, t0, (p) => p.stageIndex === 2);
    const skip = reconcileRollout(progress, { configs: plane.read() }, t0 + 1e6);
    expect(skip).toMatchObject({ kind: "skipStage", stageIndex: 2, reason: "no target instances in region ap" });
    progress = runUntil(progress, plane, t0 + 1e6, (p) => p.phase === "done");
    expect(progress).toMatchObject({ phase: "done", direction: "forward", stageIndex: 4 });
    expect(progress.gateResults.map((g) => g?.verdict ?? null)).toEqual(["pass", "pass", null, "pass"]);
    expect(targets.every((t) => plane.desiredOf(t.id)?.gogc === 200)).toBe(true);
    expect(reconcileRollout(progress, { configs: plane.read() }, t0 + 2e6)).toMatchObject({
      kind: "wait",
      reason: "the rollout is complete",
    });
  });

  it("replays the same apply after a crash between the write and its record, and records it once", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    progress = runUntil(progress, plane, t0, (p) => p.stageIndex === 1);
    const stored = structuredClone(progress);
    const first = reconcileRollout(stored, { configs: plane.read() }, t0 + 500_000);
    expect(first.kind).toBe("apply");
    expect(plane.apply(first.kind === "apply" ? first.writes : [])).toEqual([]);
    // Crash: the writes happened, the advance was never stored. A new process reads the same progress.
    const replayed = reconcileRollout(stored, { configs: plane.read() }, t0 + 900_000);
    expect(replayed).toEqual(first);
    const desiredBefore = plane.read();
    expect(plane.apply(replayed.kind === "apply" ? replayed.writes : [])).toEqual([]);
    expect(plane.read()).toEqual(desiredBefore);
    const recorded = advanceRollout(stored, replayed, { kind: "done" }, t0 + 900_000);
    expect(recorded.seq).toBe(stored.seq + 1);
    expect(recorded.phase).toBe("converge");
    expect(() => advanceRollout(recorded, replayed, { kind: "done" }, t0 + 900_001)).toThrow(StaleRolloutStepError);
  });

  it("never shortens a bake: the bake end is stored once and a restart only waits for it", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    progress = perform(progress, reconcileRollout(progress, { configs: plane.read() }, t0), plane, t0);
    plane.converge(t0 + 1_000);
    const bake = reconcileRollout(progress, { configs: plane.read() }, t0 + 1_000);
    // Crash before the bake start is stored: the next process starts the bake later, never earlier.
    const later = reconcileRollout(progress, { configs: plane.read() }, t0 + 20_000);
    expect(later).toMatchObject({ kind: "startBake", bakeUntilMs: t0 + 80_000 });
    expect(bake).toMatchObject({ kind: "startBake", bakeUntilMs: t0 + 61_000 });
    progress = perform(progress, later, plane, t0 + 20_000);
    const restarted = JSON.parse(JSON.stringify(progress)) as RolloutProgress;
    expect(reconcileRollout(restarted, { configs: plane.read() }, t0 + 79_000)).toMatchObject({
      kind: "wait",
      untilMs: t0 + 80_000,
    });
  });

  it("holds when instances do not report the new config in time, and restarts the clock on resume", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    plane.stuck.add("a1");
    progress = perform(progress, reconcileRollout(progress, { configs: plane.read() }, t0), plane, t0);
    plane.converge(t0 + 30_000);
    const hold = reconcileRollout(progress, { configs: plane.read() }, t0 + 30_000);
    expect(hold).toEqual({ kind: "hold", seq: 1, reason: "a1 did not report the new config within 30 s" });
    progress = perform(progress, hold, plane, t0 + 30_000);
    expect(reconcileRollout(progress, { configs: plane.read() }, t0 + 40_000)).toMatchObject({
      kind: "wait",
      untilMs: null,
      reason: "held: a1 did not report the new config within 30 s",
    });
    progress = resumeRollout(progress, t0 + 100_000);
    expect(reconcileRollout(progress, { configs: plane.read() }, t0 + 110_000)).toMatchObject({
      kind: "wait",
      untilMs: t0 + 130_000,
    });
  });

  it("holds when a config changes underneath, naming the instance", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    progress = perform(progress, reconcileRollout(progress, { configs: plane.read() }, t0), plane, t0);
    plane.changeUnderneath("u2", config(50));
    const hold = reconcileRollout(progress, { configs: plane.read() }, t0 + 1_000);
    expect(hold.kind).toBe("hold");
    expect(hold.kind === "hold" && hold.reason).toMatch(/^config changed underneath: the desired config of u2 /);
    // An instance already written and changed since is drift too.
    plane.changeUnderneath("u2", before);
    plane.changeUnderneath("a1", config(300));
    expect(reconcileRollout(progress, { configs: plane.read() }, t0 + 2_000)).toMatchObject({ kind: "hold" });
  });

  it("holds when the actuator refuses a write because of a change underneath", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    const apply = reconcileRollout(progress, { configs: plane.read() }, t0);
    plane.changeUnderneath("a1", config(75));
    progress = perform(progress, apply, plane, t0);
    expect(progress.holdReason).toBe("the control plane refused the write: a1");
    expect(progress.phase).toBe("apply");
  });

  it("holds on inconclusive gates and evaluates the same window again on resume", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    progress = runUntil(progress, plane, t0, (p) => p.phase === "bake");
    const gates = reconcileRollout(progress, { configs: plane.read() }, t0 + 1e6);
    progress = perform(progress, gates, plane, t0 + 1e6, inconclusive);
    expect(progress).toMatchObject({ phase: "gate", stageIndex: 0, direction: "forward" });
    expect(progress.holdReason).toBe(
      "gates inconclusive at stage 1 (eu canary): GC pause p99: no finite data from the canary",
    );
    progress = resumeRollout(progress, t0 + 2e6);
    const again = reconcileRollout(progress, { configs: plane.read() }, t0 + 2e6);
    expect(again).toEqual({ ...gates, seq: progress.seq });
  });

  it("waits, without holding, when the actuator does not report an instance", () => {
    const { plane } = setUp();
    const { progress } = setUp();
    const configs = plane.read().filter((r) => r.instanceId !== "b2");
    expect(reconcileRollout(progress, { configs }, t0)).toMatchObject({
      kind: "wait",
      reason: "the actuator did not report the config of b2",
    });
  });
});

describe("rollback", () => {
  it("restores every written instance in one apply after a gate fails, then waits for them", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    progress = runUntil(progress, plane, t0, (p) => p.stageIndex === 1 && p.phase === "bake");
    const gates = reconcileRollout(progress, { configs: plane.read() }, t0 + 1e6);
    progress = perform(progress, gates, plane, t0 + 1e6, failed);
    expect(progress).toMatchObject({ direction: "back", phase: "apply" });
    expect(progress.rollbackReason).toBe("gates failed at stage 2 (eu 100 %): GC pause p99 rose 100 %");

    const restore = reconcileRollout(progress, { configs: plane.read() }, t0 + 1e6);
    expect(restore).toEqual({
      kind: "apply",
      seq: progress.seq,
      direction: "back",
      stageIndex: 1,
      writes: ["a1", "a2", "b1", "b2"].map((instanceId) => ({ instanceId, config: before, expected: after })),
    });
    progress = perform(progress, restore, plane, t0 + 1e6);
    plane.stuck.add("b2");
    plane.converge(t0 + 1e6 + 1);
    expect(reconcileRollout(progress, { configs: plane.read() }, t0 + 1e6 + 10_000)).toMatchObject({
      kind: "wait",
      untilMs: t0 + 1e6 + 30_000,
      reason: "rolling back: waiting for 1 of 4 instances to report their earlier config",
    });
    const late = reconcileRollout(progress, { configs: plane.read() }, t0 + 1e6 + 30_000);
    expect(late).toMatchObject({ kind: "wait", untilMs: null });
    expect(late.kind === "wait" && late.reason).toContain("b2 still do not report their earlier config after 30 s");

    plane.stuck.clear();
    plane.converge(t0 + 2e6);
    const done = reconcileRollout(progress, { configs: plane.read() }, t0 + 2e6);
    expect(done).toEqual({
      kind: "rollbackDone",
      seq: progress.seq,
      restoredIds: ["a1", "a2", "b1", "b2"],
      leftAloneIds: [],
    });
    progress = perform(progress, done, plane, t0 + 2e6);
    expect(progress.phase).toBe("done");
    expect(targets.every((t) => plane.desiredOf(t.id)?.gogc === 100)).toBe(true);
  });

  it("rolls back from a held rollout, and a second abort changes nothing", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    progress = perform(progress, reconcileRollout(progress, { configs: plane.read() }, t0), plane, t0);
    progress = holdRollout(progress, "operator pause");
    const back = beginRollback(progress, "operator abort", t0 + 5_000);
    expect(back).toMatchObject({ direction: "back", holdReason: null, rollbackReason: "operator abort" });
    expect(beginRollback(back, "again", t0 + 6_000)).toBe(back);
    expect(reconcileRollout(back, { configs: plane.read() }, t0 + 6_000)).toMatchObject({
      kind: "apply",
      direction: "back",
    });
  });

  it("restores the current stage's instances when the crash hid whether its apply happened", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    const apply = reconcileRollout(progress, { configs: plane.read() }, t0);
    plane.apply(apply.kind === "apply" ? apply.writes : []);
    progress = beginRollback(progress, "abort during crash recovery", t0 + 1_000);
    const restore = reconcileRollout(progress, { configs: plane.read() }, t0 + 1_000);
    expect(restore).toMatchObject({ kind: "apply", writes: [{ instanceId: "a1", config: before, expected: after }] });
  });

  it("leaves an instance changed underneath alone and names it", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    progress = runUntil(progress, plane, t0, (p) => p.stageIndex === 1 && p.phase === "converge");
    plane.changeUnderneath("b1", config(75));
    progress = beginRollback(progress, "drift", t0 + 1e6);
    const restore = reconcileRollout(progress, { configs: plane.read() }, t0 + 1e6);
    expect(restore.kind === "apply" && restore.writes.map((w) => w.instanceId)).toEqual(["a1", "a2", "b2"]);
    progress = perform(progress, restore, plane, t0 + 1e6);
    plane.converge(t0 + 1e6);
    expect(reconcileRollout(progress, { configs: plane.read() }, t0 + 1e6)).toMatchObject({
      kind: "rollbackDone",
      restoredIds: ["a1", "a2", "b2"],
      leftAloneIds: ["b1"],
    });
    expect(plane.desiredOf("b1")).toEqual(config(75));
  });

  it("keeps retrying a refused restore instead of holding", () => {
    const { plane } = setUp();
    let { progress } = setUp();
    progress = perform(progress, reconcileRollout(progress, { configs: plane.read() }, t0), plane, t0);
    progress = beginRollback(progress, "abort", t0 + 1_000);
    const restore = reconcileRollout(progress, { configs: plane.read() }, t0 + 1_000);
    plane.changeUnderneath("a1", config(75));
    progress = perform(progress, restore, plane, t0 + 1_000);
    expect(progress).toMatchObject({ holdReason: null, direction: "back", phase: "apply" });
    expect(reconcileRollout(progress, { configs: plane.read() }, t0 + 2_000)).toMatchObject({
      kind: "rollbackDone",
      leftAloneIds: ["a1"],
    });
  });
});

/** Runs the controller with converging instances and passing gates until `done` holds. */
function runUntil(
  start: RolloutProgress,
  plane: FakeControlPlane,
  fromMs: number,
  done: (progress: RolloutProgress) => boolean,
): RolloutProgress {
  let progress = start;
  let now = fromMs;
  for (let i = 0; i < 200 && !done(progress); i++) {
    const step = reconcileRollout(progress, { configs: plane.read() }, now);
    progress = perform(progress, step, plane, now);
    plane.converge(now);
    now += 10_000;
  }
  if (!done(progress)) throw new Error(`runUntil: not reached; at ${JSON.stringify(progress.phase)}`);
  return progress;
}
