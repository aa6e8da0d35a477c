import { describe, expect, it } from "vitest";
import { changeContent, policyInput, targetInstance } from "./change-fixtures.test-support.ts";
import { evaluateChangePolicy } from "./change-policy.ts";
import type { RolloutStage } from "./change-request.ts";
import type { PolicyRuleName } from "./policy-violation.ts";
import type { TargetInstance } from "./target-instance.ts";

const fleet: TargetInstance[] = [
  targetInstance("eu-1"),
  targetInstance("eu-2"),
  targetInstance("eu-3"),
  targetInstance("us-1", { regionId: "us-east", clusterId: "us-east-k8s" }),
  targetInstance("us-2", { regionId: "us-east", clusterId: "us-east-k8s" }),
];

const stage = (name: string, regionId: string | null, size: RolloutStage["size"]): RolloutStage => ({
  name,
  regionId,
  size,
  bakeSeconds: 60,
});

function violations(rule: PolicyRuleName, stages: RolloutStage[], targets = fleet) {
  const content = changeContent();
  const input = policyInput({ content: { ...content, plan: { ...content.plan, stages } }, targets });
  return evaluateChangePolicy(input).violations.filter((v) => v.rule === rule);
}

describe("target-not-empty", () => {
  it("blocks a change whose selector matches nothing", () => {
    const content = changeContent({ target: { serviceId: "checkout", selector: "region = mars" } });
    expect(evaluateChangePolicy(policyInput({ content, targets: [] })).violations).toEqual([
      {
        rule: "target-not-empty",
        severity: "block",
        message: 'service checkout has no instances matching "region = mars": the change would do nothing',
        instanceIds: [],
      },
    ]);
  });
});

describe("plan-covers-target", () => {
  it("accepts region-by-region plans that end at 100 % of every region", () => {
    const stages = [
      stage("canary", "eu-west", { kind: "instances", count: 1 }),
      stage("eu", "eu-west", { kind: "percent", percent: 100 }),
      stage("us", "us-east", { kind: "percent", percent: 100 }),
    ];
    expect(violations("plan-covers-target", stages)).toEqual([]);
  });

  it("blocks a plan that leaves instances on the old config, saying which regions need a 100 % stage", () => {
    const stages = [
      stage("canary", "eu-west", { kind: "instances", count: 1 }),
      stage("eu", "eu-west", { kind: "percent", percent: 50 }),
    ];
    expect(violations("plan-covers-target", stages)).toEqual([
      {
        rule: "plan-covers-target",
        severity: "block",
        message:
          "the plan ends with 2 of 5 target instances on the new config: add a 100 % stage for eu-west (1 left), us-east (2 left)",
        instanceIds: ["eu-3", "us-1", "us-2"],
      },
    ]);
  });

  it("counts an instance-count stage as complete when it reaches the whole scope", () => {
    expect(violations("plan-covers-target", [stage("all", null, { kind: "instances", count: 5 })])).toEqual([]);
  });

  it("blocks a stage scoped to a region outside the target", () => {
    const stages = [
      stage("ap", "ap-south", { kind: "percent", percent: 100 }),
      stage("all", null, { kind: "percent", percent: 100 }),
    ];
    expect(violations("plan-covers-target", stages).map((v) => v.message)).toEqual([
      'stage "ap" is scoped to region ap-south, where the target has no instances (regions: eu-west, us-east)',
    ]);
  });
});

describe("plan-sizes-grow", () => {
  it("blocks a stage smaller than an earlier one of the same scope", () => {
    const stages = [
      stage("half", "eu-west", { kind: "percent", percent: 50 }),
      stage("one", "eu-west", { kind: "instances", count: 1 }),
      stage("all", null, { kind: "percent", percent: 100 }),
    ];
    expect(violations("plan-sizes-grow", stages)).toEqual([
      {
        rule: "plan-sizes-grow",
        severity: "block",
        message:
          'stage "one" brings 1 of 3 instances in region eu-west to the new config, fewer than the earlier stage "half" (2): stage sizes are cumulative and must not shrink',
        instanceIds: [],
      },
    ]);
  });

  it("compares sizes per scope only", () => {
    const stages = [
      stage("eu", "eu-west", { kind: "percent", percent: 100 }),
      stage("one us", "us-east", { kind: "instances", count: 1 }),
      stage("all", null, { kind: "percent", percent: 100 }),
    ];
    expect(violations("plan-sizes-grow", stages)).toEqual([]);
  });
});
