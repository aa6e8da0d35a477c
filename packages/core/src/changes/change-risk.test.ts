import { describe, expect, it } from "vitest";
import { changeContent, MiB, policyInput, targetInstance } from "./change-fixtures.test-support.ts";
import { evaluateChangePolicy } from "./change-policy.ts";
import type { ChangeContent, ChangePatch, RolloutStage } from "./change-request.ts";
import type { TargetInstance } from "./target-instance.ts";

function evaluate(patch: ChangePatch, options: { targets?: TargetInstance[]; firstStage?: RolloutStage["size"] } = {}) {
  const content = changeContent({ patch });
  const plan: ChangeContent["plan"] = options.firstStage
    ? {
        ...content.plan,
        stages: [
          { name: "first", regionId: null, size: options.firstStage, bakeSeconds: 60 },
          ...content.plan.stages.slice(1),
        ],
      }
    : content.plan;
  return evaluateChangePolicy(
    policyInput({ content: { ...content, plan }, ...(options.targets ? { targets: options.targets } : {}) }),
  );
}

describe("assessChangeRisk", () => {
  it("is normal for a modest GOGC raise, needing the default approvals", () => {
    expect(evaluate({ gogc: 200 }).risk).toEqual({ risk: "normal", approvalsRequired: 1, reasons: [] });
  });

  it("is high when GOGC more than doubles, needing two approvals", () => {
    expect(evaluate({ gogc: 201 }).risk).toEqual({
      risk: "high",
      approvalsRequired: 2,
      reasons: [
        "GOGC 100 → 201 more than doubles the heap growth between collections on 2 of 2 instances: checkout-1, checkout-2",
      ],
    });
  });

  it("is high when GOGC goes off", () => {
    expect(evaluate({ gogc: "off", memoryLimitBytes: 600 * MiB }).risk.reasons).toEqual([
      "GOGC 100 → off removes the proportional heap goal on 2 of 2 instances: checkout-1, checkout-2",
    ]);
  });

  it("is high when the predicted headroom to the memory limit falls under 15 %", () => {
    const tight = targetInstance("checkout-1", { containerMemoryLimitBytes: 340 * MiB });
    const result = evaluate({ gogc: 200 }, { targets: [tight, targetInstance("checkout-2")] });
    expect(result.risk.risk).toBe("high");
    expect(result.risk.reasons).toEqual([
      "memory headroom falls under 15 % of the limit on 1 of 2 instances: checkout-1 (worst: checkout-1 at 6.3 %)",
    ]);
  });

  it("does not count headroom that was already low and the change does not lower", () => {
    const tight = targetInstance("checkout-1", { containerMemoryLimitBytes: 240 * MiB });
    expect(evaluate({ gogc: 90 }, { targets: [tight] }).risk.risk).toBe("normal");
  });

  it("keeps a higher default approval count for high-risk changes", () => {
    const input = policyInput({ content: changeContent({ patch: { gogc: 500 } }) });
    const result = evaluateChangePolicy({ ...input, settings: { defaultApprovals: 3, freezeWindows: [] } });
    expect(result.risk.approvalsRequired).toBe(3);
  });
});

describe("high-risk-small-first-stage", () => {
  const rule = (result: ReturnType<typeof evaluate>) =>
    result.violations.filter((violation) => violation.rule === "high-risk-small-first-stage");

  it("blocks a high-risk change whose first stage is larger than one instance or 5 %", () => {
    expect(rule(evaluate({ gogc: 500 }, { firstStage: { kind: "percent", percent: 10 } }))).toEqual([
      {
        rule: "high-risk-small-first-stage",
        severity: "block",
        message:
          'this change is high risk, so its first stage may change at most 1 instance or 5 % of its scope; stage "first" asks for 10 %',
        instanceIds: [],
      },
    ]);
    expect(rule(evaluate({ gogc: 500 }, { firstStage: { kind: "instances", count: 2 } }))).toHaveLength(1);
  });

  it("accepts one instance or 5 % for high risk, and anything for normal risk", () => {
    expect(rule(evaluate({ gogc: 500 }, { firstStage: { kind: "instances", count: 1 } }))).toEqual([]);
    expect(rule(evaluate({ gogc: 500 }, { firstStage: { kind: "percent", percent: 5 } }))).toEqual([]);
    expect(rule(evaluate({ gogc: 150 }, { firstStage: { kind: "percent", percent: 50 } }))).toEqual([]);
  });
});
