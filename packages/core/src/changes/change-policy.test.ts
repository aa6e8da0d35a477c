import { describe, expect, it } from "vitest";
import { changeContent, policyInput, targetInstance } from "./change-fixtures.test-support.ts";
import { evaluateChangePolicy } from "./change-policy.ts";

describe("evaluateChangePolicy", () => {
  it("passes a modest change on a well-sized service without any violation", () => {
    const result = evaluateChangePolicy(policyInput());
    expect(result.violations).toEqual([]);
    expect(result.blocked).toBe(false);
    expect(result.risk.risk).toBe("normal");
    expect(result.prediction.predictedInstanceCount).toBe(2);
  });

  it("is blocked by any blocking violation, not by warnings", () => {
    const warnOnly = evaluateChangePolicy(policyInput({ targets: [targetInstance("a", { latestSample: null })] }));
    expect(warnOnly.violations.map((v) => v.severity)).toEqual(["warn"]);
    expect(warnOnly.blocked).toBe(false);
    const blocked = evaluateChangePolicy(policyInput({ content: changeContent({ patch: { gogc: 3 } }) }));
    expect(blocked.blocked).toBe(true);
  });

  it("lists blocking rules before the data warnings, and evaluates instances in id order", () => {
    const result = evaluateChangePolicy(
      policyInput({
        content: changeContent({ patch: { gogc: 3 } }),
        targets: [targetInstance("z", { latestSample: null }), targetInstance("a", { currentConfig: null })],
      }),
    );
    expect(result.violations.map((v) => v.rule)).toEqual([
      "gogc-range",
      "runtime-config-known",
      "gc-data-available",
      "gc-data-available",
    ]);
    expect(result.prediction.instances.map((p) => p.instanceId)).toEqual(["a", "z"]);
  });
});
