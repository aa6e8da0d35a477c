import { type ChangePrediction, predictChange } from "./change-prediction.ts";
import type { ChangeContent } from "./change-request.ts";
import { assessChangeRisk, type ChangeRisk, highRiskSmallFirstStageRule } from "./change-risk.ts";
import { planCoversTargetRule, planSizesGrowRule, targetNotEmptyRule } from "./plan-rules.ts";
import type { PolicyContext } from "./policy-context.ts";
import type { ChangePolicySettings, PolicyMoment, ServiceChangeSummary } from "./policy-settings.ts";
import type { PolicyViolation } from "./policy-violation.ts";
import {
  gcDataAvailableRule,
  gogcOffNeedsMemoryLimitRule,
  gogcRangeRule,
  gomaxprocsWithinCpuQuotaRule,
  memoryLimitAboveLiveHeapRule,
  memoryLimitBelowContainerRule,
  runtimeConfigKnownRule,
} from "./runtime-config-rules.ts";
import { freezeWindowRule, oneActiveRolloutRule } from "./schedule-rules.ts";
import type { TargetInstance } from "./target-instance.ts";

/** Every rule a change is checked against, in the order their violations are listed. */
export const changePolicyRules: readonly ((context: PolicyContext) => PolicyViolation[])[] = [
  targetNotEmptyRule,
  gogcRangeRule,
  gogcOffNeedsMemoryLimitRule,
  memoryLimitBelowContainerRule,
  memoryLimitAboveLiveHeapRule,
  gomaxprocsWithinCpuQuotaRule,
  freezeWindowRule,
  oneActiveRolloutRule,
  planCoversTargetRule,
  planSizesGrowRule,
  highRiskSmallFirstStageRule,
  runtimeConfigKnownRule,
  gcDataAvailableRule,
];

export interface ChangePolicyInput {
  content: ChangeContent;
  /** The instances the target selects (selectInstances), each with its config and latest sample. */
  targets: readonly TargetInstance[];
  settings: ChangePolicySettings;
  moment: PolicyMoment;
  nowMs: number;
  /** The service's other change requests (this one excluded), in any state. */
  otherChanges: readonly ServiceChangeSummary[];
}

export interface ChangePolicyEvaluation {
  /** True when any violation blocks: the change may not be submitted (or started, at "start"). */
  blocked: boolean;
  violations: PolicyViolation[];
  risk: ChangeRisk;
  prediction: ChangePrediction;
}

/** Checks a change against every policy rule, with its prediction and risk. Pure: time comes in as nowMs. */
export function evaluateChangePolicy(input: ChangePolicyInput): ChangePolicyEvaluation {
  const targets = [...input.targets].sort((a, b) =>
    a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0,
  );
  const prediction = predictChange(targets, input.content.patch);
  const risk = assessChangeRisk(targets, input.content.patch, prediction, input.settings.defaultApprovals);
  const context: PolicyContext = { ...input, targets, prediction, risk };
  const violations = changePolicyRules.flatMap((rule) => rule(context));
  return { blocked: violations.some((v) => v.severity === "block"), violations, risk, prediction };
}
