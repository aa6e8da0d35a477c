import { applyRuntimePatch } from "./change-patch.ts";
import { type ChangePrediction, lowHeadroomRatio } from "./change-prediction.ts";
import type { ChangePatch } from "./change-request.ts";
import type { PolicyContext } from "./policy-context.ts";
import { formatPercent, type InstanceFinding, type PolicyViolation, summariseFindings } from "./policy-violation.ts";
import type { TargetInstance } from "./target-instance.ts";

/** A high-risk change needs a second pair of eyes more than a normal one: at least two approvals. */
export const highRiskApprovals = 2;

/** A high-risk change starts small: one instance, or a first stage of at most 5 % of its scope. */
export const highRiskFirstStage = { maxInstances: 1, maxPercent: 5 } as const;

/** GOGC raised beyond this factor moves the heap peak further than a canary bake usually shows. */
export const riskyGogcIncreaseFactor = 2;

export interface ChangeRisk {
  risk: "normal" | "high";
  approvalsRequired: number;
  /** Why the change is high risk, one sentence per cause; empty when normal. */
  reasons: string[];
}

/**
 * A change is high risk when it more than doubles GOGC (or turns it off) on some instance, or
 * leaves an instance under lowHeadroomRatio of its memory limit where it had more before. A
 * change that only keeps an already tight instance tight is not made riskier by itself.
 */
export function assessChangeRisk(
  targets: readonly TargetInstance[],
  patch: ChangePatch,
  prediction: ChangePrediction,
  defaultApprovals: number,
): ChangeRisk {
  const findings: InstanceFinding[] = [];
  for (const target of targets) {
    if (target.currentConfig === null || patch.gogc === undefined) continue;
    const before = target.currentConfig.gogc;
    const after = applyRuntimePatch(target.currentConfig, patch).gogc;
    if (before === "off" || before === after) continue;
    if (after === "off") {
      findings.push({
        instanceId: target.instanceId,
        headline: `GOGC ${before} → off removes the proportional heap goal`,
      });
    } else if (after > before * riskyGogcIncreaseFactor) {
      findings.push({
        instanceId: target.instanceId,
        headline: `GOGC ${before} → ${after} more than doubles the heap growth between collections`,
      });
    }
  }
  for (const instance of prediction.instances) {
    if (instance.kind !== "predicted") continue;
    const after = instance.after.headroomRatio;
    const before = instance.before.headroomRatio;
    if (after !== null && after < lowHeadroomRatio && (before === null || after < before)) {
      findings.push({
        instanceId: instance.instanceId,
        headline: `memory headroom falls under ${formatPercent(lowHeadroomRatio)} of the limit`,
        detail: `worst: ${instance.instanceId} at ${formatPercent(Math.max(after, 0))}`,
        weight: -after,
      });
    }
  }
  const reasons = summariseFindings(findings, targets.length).map((finding) => finding.message);
  const high = reasons.length > 0;
  return {
    risk: high ? "high" : "normal",
    approvalsRequired: high ? Math.max(defaultApprovals, highRiskApprovals) : defaultApprovals,
    reasons,
  };
}

export function highRiskSmallFirstStageRule({ content, risk }: PolicyContext): PolicyViolation[] {
  const first = content.plan.stages[0];
  if (risk.risk !== "high" || !first) return [];
  const { size } = first;
  const small =
    size.kind === "instances"
      ? size.count <= highRiskFirstStage.maxInstances
      : size.percent <= highRiskFirstStage.maxPercent;
  if (small) return [];
  const asked = size.kind === "instances" ? `${size.count} instances` : `${size.percent} %`;
  return [
    {
      rule: "high-risk-small-first-stage",
      severity: "block",
      message: `this change is high risk, so its first stage may change at most ${highRiskFirstStage.maxInstances} instance or ${highRiskFirstStage.maxPercent} % of its scope; stage "${first.name}" asks for ${asked}`,
      instanceIds: [],
    },
  ];
}
