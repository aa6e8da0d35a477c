import { planBatches, stageTargetCount } from "../rollouts/rollout-batches.ts";
import type { PolicyContext } from "./policy-context.ts";
import type { PolicyViolation } from "./policy-violation.ts";

export function targetNotEmptyRule({ content, targets }: PolicyContext): PolicyViolation[] {
  if (targets.length > 0) return [];
  const { serviceId, selector } = content.target;
  const narrowed = selector.trim() === "" ? "" : ` matching "${selector.trim()}"`;
  return [
    {
      rule: "target-not-empty",
      severity: "block",
      message: `service ${serviceId} has no instances${narrowed}: the change would do nothing`,
      instanceIds: [],
    },
  ];
}

/**
 * A rollout is done when every target instance runs the new config: the last stages must reach
 * 100 % of every region of the target. Stages scoped to a region the target does not reach would
 * change nothing. The expansion is the rollout's own (planBatches), so this says what will happen.
 */
export function planCoversTargetRule({ content, targets }: PolicyContext): PolicyViolation[] {
  if (targets.length === 0) return [];
  const { stages } = content.plan;
  const violations: PolicyViolation[] = [];
  const targetRegions = new Set(targets.map((target) => target.regionId));
  for (const stage of stages) {
    if (stage.regionId !== null && !targetRegions.has(stage.regionId)) {
      violations.push({
        rule: "plan-covers-target",
        severity: "block",
        message: `stage "${stage.name}" is scoped to region ${stage.regionId}, where the target has no instances (regions: ${[...targetRegions].sort().join(", ")})`,
        instanceIds: [],
      });
    }
  }
  const batches = planBatches(
    content.plan,
    targets.map((target) => ({ id: target.instanceId, regionId: target.regionId, clusterId: target.clusterId })),
  );
  const changed = new Set(batches.flatMap((batch) => batch.instanceIds));
  const left = targets.filter((target) => !changed.has(target.instanceId));
  if (left.length > 0) {
    const leftPerRegion = new Map<string, number>();
    for (const target of left) leftPerRegion.set(target.regionId, (leftPerRegion.get(target.regionId) ?? 0) + 1);
    const regions = [...leftPerRegion.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([regionId, count]) => `${regionId} (${count} left)`);
    violations.push({
      rule: "plan-covers-target",
      severity: "block",
      message: `the plan ends with ${changed.size} of ${targets.length} target instances on the new config: add a 100 % stage for ${regions.join(", ")}`,
      instanceIds: left.map((target) => target.instanceId).sort(),
    });
  }
  return violations;
}

/** Sizes are cumulative, so a stage smaller than an earlier one in its scope would change nothing. */
export function planSizesGrowRule({ content, targets }: PolicyContext): PolicyViolation[] {
  if (targets.length === 0) return [];
  const largestSoFar = new Map<string | null, { count: number; name: string }>();
  const violations: PolicyViolation[] = [];
  for (const stage of content.plan.stages) {
    const scopeCount =
      stage.regionId === null ? targets.length : targets.filter((t) => t.regionId === stage.regionId).length;
    if (scopeCount === 0) continue;
    const count = stageTargetCount(stage.size, scopeCount);
    const earlier = largestSoFar.get(stage.regionId);
    if (earlier && count < earlier.count) {
      const scope = stage.regionId === null ? "the whole target" : `region ${stage.regionId}`;
      violations.push({
        rule: "plan-sizes-grow",
        severity: "block",
        message: `stage "${stage.name}" brings ${count} of ${scopeCount} instances in ${scope} to the new config, fewer than the earlier stage "${earlier.name}" (${earlier.count}): stage sizes are cumulative and must not shrink`,
        instanceIds: [],
      });
    } else {
      largestSoFar.set(stage.regionId, { count, name: stage.name });
    }
  }
  return violations;
}
