import { describe, expect, it } from "vitest";
import { RolloutPlan } from "../changes/change-request.ts";
import { defaultRolloutPlan } from "./default-rollout-plan.ts";

describe("defaultRolloutPlan", () => {
  it("puts one canary in the first region, then 10 → 50 → 100 % region by region", () => {
    const plan = RolloutPlan.parse(defaultRolloutPlan(["eu-west-1", "us-east-1"], { bakeSeconds: 600 }));
    expect(plan.stages.map((s) => [s.name, s.regionId, s.size])).toEqual([
      ["eu-west-1 Canary", "eu-west-1", { kind: "instances", count: 1 }],
      ["eu-west-1 10 %", "eu-west-1", { kind: "percent", percent: 10 }],
      ["eu-west-1 50 %", "eu-west-1", { kind: "percent", percent: 50 }],
      ["eu-west-1 100 %", "eu-west-1", { kind: "percent", percent: 100 }],
      ["us-east-1 10 %", "us-east-1", { kind: "percent", percent: 10 }],
      ["us-east-1 50 %", "us-east-1", { kind: "percent", percent: 50 }],
      ["us-east-1 100 %", "us-east-1", { kind: "percent", percent: 100 }],
    ]);
    expect(plan.stages.every((s) => s.bakeSeconds === 600)).toBe(true);
    expect(plan.convergenceTimeoutSeconds).toBe(300);
    // Only gates every source can feed: a gate without data holds the rollout.
    expect(plan.gates.map((g) => g.metric)).toEqual(["gcPauseP99", "gcCpuFraction", "heapToLimit"]);
    expect(plan.gates.find((g) => g.metric === "gcPauseP99")).toEqual({
      metric: "gcPauseP99",
      maxIncrease: 0.2,
      noiseFloor: 0.001,
    });
  });

  it("stages the whole target when no regions are known", () => {
    const plan = defaultRolloutPlan([], { bakeSeconds: 60 });
    expect(plan.stages.map((s) => [s.name, s.regionId])).toEqual([
      ["Canary", null],
      ["10 %", null],
      ["50 %", null],
      ["100 %", null],
    ]);
  });

  it("takes fewer steps per region when there are many regions, and keeps names within limits", () => {
    const regions = Array.from({ length: 30 }, (_, i) => `region-${i}-${"x".repeat(90)}`);
    const plan = RolloutPlan.parse(defaultRolloutPlan(regions, { bakeSeconds: 60 }));
    expect(plan.stages).toHaveLength(61);
    expect(plan.stages.at(-1)!.size).toEqual({ kind: "percent", percent: 100 });
    expect(() =>
      defaultRolloutPlan(
        Array.from({ length: 64 }, (_, i) => `r${i}`),
        { bakeSeconds: 60 },
      ),
    ).toThrow("64 regions need more than 64 stages");
  });
});
