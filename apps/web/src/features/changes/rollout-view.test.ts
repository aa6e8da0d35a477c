import { beginRollback } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { carryRollout, fixtureStartMs, oldConfig, startedRollout } from "./rollout-fixtures.test-support.ts";
import { gateComparisonOf, instanceRolloutRows, rolloutReach, stageViews } from "./rollout-view.ts";

describe("the rollout timeline", () => {
  it("shows a fresh rollout applying its canary, the later stages pending", () => {
    const progress = startedRollout();
    const stages = stageViews(progress);
    expect(stages.map((s) => [s.name, s.status, s.instanceIds.length, s.cumulativeCount])).toEqual([
      ["canary", "applying", 1, 1],
      ["eu-west 100 %", "pending", 2, 3],
      ["everywhere", "pending", 3, 6],
    ]);
    expect(stages[0]?.current).toBe(true);
    expect(rolloutReach(progress)).toEqual({ changed: 0, total: 6 });
  });

  it("follows the stages through converge, bake and gates to completion", () => {
    const baking = carryRollout(startedRollout(), (p) => p.phase === "bake").progress;
    const stage = stageViews(baking)[0];
    expect(stage?.status).toBe("baking");
    expect(stage?.bakeUntilMs).toBe((stage?.bakeStartedAtMs ?? 0) + 60_000);
    expect(rolloutReach(baking)).toEqual({ changed: 1, total: 6 });

    const second = carryRollout(baking, (p) => p.stageIndex === 1 && p.phase === "converge").progress;
    expect(stageViews(second).map((s) => s.status)).toEqual(["passed", "converging", "pending"]);
    expect(stageViews(second)[0]?.gate?.verdict).toBe("pass");

    const done = carryRollout(second, (p) => p.phase === "done").progress;
    expect(stageViews(done).map((s) => s.status)).toEqual(["passed", "passed", "passed"]);
    expect(stageViews(done).some((s) => s.current)).toBe(false);
    expect(rolloutReach(done)).toEqual({ changed: 6, total: 6 });
  });

  it("marks a held stage, and a rollback of the stages reached", () => {
    const baking = carryRollout(startedRollout(), (p) => p.stageIndex === 1 && p.phase === "bake").progress;
    const held = { ...baking, holdReason: "paused: looking at latency" };
    expect(stageViews(held)[1]).toMatchObject({ status: "baking", held: true });

    const back = beginRollback(baking, "latency", fixtureStartMs + 600_000);
    expect(stageViews(back).map((s) => s.status)).toEqual(["rolling back", "rolling back", "not reached"]);
    const restored = carryRollout(back, (p) => p.phase === "done").progress;
    expect(stageViews(restored).map((s) => s.status)).toEqual(["rolled back", "rolled back", "not reached"]);
    expect(rolloutReach(restored).changed).toBe(0);
  });
});

describe("the rollout's instances", () => {
  it("say per instance which stage changes it and what it should run by now", () => {
    const baking = carryRollout(startedRollout(), (p) => p.phase === "bake").progress;
    const rows = instanceRolloutRows(baking);
    expect(rows.map((r) => [r.instanceId, r.stageIndex, r.status, r.told?.gogc])).toEqual([
      [rows[0]?.instanceId, 0, "new config", 150],
      ...rows.slice(1, 3).map((r) => [r.instanceId, 1, "not reached", 100]),
      ["b1", 2, "not reached", 100],
      ["b2", 2, "not reached", 100],
      ["b3", 2, "not reached", 100],
    ]);
    expect(rows[0]?.regionId).toBe("eu-west");
    expect(rows.every((r) => r.before?.gogc === oldConfig.gogc)).toBe(true);
  });
});

describe("what a stage's gates compared", () => {
  it("is the changed instances against the scope's unchanged ones over the bake", () => {
    const progress = carryRollout(startedRollout(), (p) => p.stageIndex === 1).progress;
    const comparison = gateComparisonOf(progress, 0);
    const canary = progress.batches[0]?.instanceIds ?? [];
    expect(comparison).toMatchObject({
      canaryIds: canary,
      baselineKind: "unchanged-instances",
      baselineIds: ["a1", "a2", "a3"].filter((id) => !canary.includes(id)),
    });
    const gate = progress.gateResults[0];
    expect(comparison?.windowStartMs).toBe(gate?.windowStartMs);
    expect(comparison?.baselineWindowEndMs).toBe(gate?.windowEndMs);
  });

  it("is the canaries before their change when a stage leaves none unchanged", () => {
    const progress = carryRollout(startedRollout(), (p) => p.stageIndex === 2).progress;
    const comparison = gateComparisonOf(progress, 1);
    const gate = progress.gateResults[1];
    expect(comparison).toMatchObject({ canaryIds: ["a1", "a2", "a3"], baselineKind: "before-change" });
    expect(comparison?.baselineIds).toEqual(comparison?.canaryIds);
    // The baseline window is as long as the bake and ends when the first of them was changed.
    expect(comparison?.baselineWindowEndMs).toBe(progress.stageStartedAtMs[0]);
    expect((comparison?.baselineWindowEndMs ?? 0) - (comparison?.baselineWindowStartMs ?? 0)).toBe(
      (gate?.windowEndMs ?? 0) - (gate?.windowStartMs ?? 0),
    );
    expect(gateComparisonOf(progress, 2)).toBeNull();
  });
});
