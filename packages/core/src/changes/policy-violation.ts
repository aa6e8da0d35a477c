/** The policy rules a change is checked against; each violation names the one it breaks. */
export type PolicyRuleName =
  | "target-not-empty"
  | "gogc-range"
  | "gogc-off-needs-memory-limit"
  | "memory-limit-below-container"
  | "memory-limit-above-live-heap"
  | "gomaxprocs-within-cpu-quota"
  | "runtime-config-known"
  | "gc-data-available"
  | "freeze-window"
  | "one-active-rollout"
  | "plan-covers-target"
  | "plan-sizes-grow"
  | "high-risk-small-first-stage";

/** "block" stops the change from being submitted or started; "warn" is shown but lets it pass. */
export type PolicySeverity = "block" | "warn";

export interface PolicyViolation {
  rule: PolicyRuleName;
  severity: PolicySeverity;
  message: string;
  /** The instances concerned, sorted; empty when the violation is about the change as a whole. */
  instanceIds: string[];
}

/**
 * What a rule found on one instance. Findings with the same headline are reported together; the
 * detail of the one with the highest weight (the worst case) is quoted.
 */
export interface InstanceFinding {
  instanceId: string;
  headline: string;
  detail?: string;
  weight?: number;
}

/** How many instance ids a message lists before it says "and N more". */
const listedInstanceIds = 5;

/** "on 3 of 12 instances: a, b, c" — how widely a finding holds, naming the first few instances. */
export function instanceSpread(instanceIds: readonly string[], totalInstances: number): string {
  const sorted = [...instanceIds].sort();
  const named = sorted.slice(0, listedInstanceIds).join(", ");
  const more = sorted.length > listedInstanceIds ? ` and ${sorted.length - listedInstanceIds} more` : "";
  const noun = totalInstances === 1 ? "instance" : "instances";
  return `on ${sorted.length} of ${totalInstances} ${noun}: ${named}${more}`;
}

/** One sentence per distinct headline: "<headline> on N of M instances: a, b (worst detail)". */
export function summariseFindings(findings: readonly InstanceFinding[], totalInstances: number): SummarisedFinding[] {
  const byHeadline = new Map<string, InstanceFinding[]>();
  for (const finding of findings) {
    const group = byHeadline.get(finding.headline) ?? [];
    group.push(finding);
    byHeadline.set(finding.headline, group);
  }
  return [...byHeadline.entries()].map(([headline, group]) => {
    const worst = group.reduce((a, b) => ((b.weight ?? 0) > (a.weight ?? 0) ? b : a));
    const instanceIds = group.map((finding) => finding.instanceId).sort();
    const detail = worst.detail ? ` (${worst.detail})` : "";
    return { message: `${headline} ${instanceSpread(instanceIds, totalInstances)}${detail}`, instanceIds };
  });
}

export interface SummarisedFinding {
  message: string;
  instanceIds: string[];
}

/** The violations of one rule from its per-instance findings. */
export function violationsOf(
  rule: PolicyRuleName,
  severity: PolicySeverity,
  findings: readonly InstanceFinding[],
  totalInstances: number,
): PolicyViolation[] {
  return summariseFindings(findings, totalInstances).map(({ message, instanceIds }) => ({
    rule,
    severity,
    message,
    instanceIds,
  }));
}

/** Percent as people write it in a policy: "90 %", "4.5 %". */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)} %`;
}
