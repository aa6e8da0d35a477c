import { estimateNonHeapBytes } from "../gc/gc-model.ts";
import { formatBytes } from "../units/byte-size.ts";
import { applyRuntimePatch, patchTouchesRuntime } from "./change-patch.ts";
import type { PolicyContext } from "./policy-context.ts";
import { formatPercent, type InstanceFinding, type PolicyViolation, violationsOf } from "./policy-violation.ts";

/**
 * Below GOGC 10 the GC runs almost back to back; above 2000 the heap may grow to twenty times the
 * live heap between cycles. Both are outside what a staged rollout should try.
 */
export const gogcRange = { min: 10, max: 2000 } as const;

/**
 * GOMEMLIMIT is soft: the Go runtime lets the heap pass it rather than spend more than ~50 % CPU
 * on GC, and the container's hard limit then kills the process. Keeping GOMEMLIMIT at most 90 %
 * of the container limit leaves room for that overshoot and for memory the runtime does not count.
 */
export const maxMemoryLimitToContainerRatio = 0.9;

/**
 * GOMEMLIMIT must clear the peak live heap plus runtime memory by this margin: the cycle rate is
 * allocation ÷ (goal − live heap), so with less runway the GC runs nearly continuously, and the live
 * heap of a busy hour is rarely exactly the one sampled.
 */
export const memoryLimitLiveHeapMargin = 0.1;

export function gogcRangeRule({ content }: PolicyContext): PolicyViolation[] {
  const { gogc } = content.patch;
  if (gogc === undefined || gogc === "off" || (gogc >= gogcRange.min && gogc <= gogcRange.max)) return [];
  const why =
    gogc < gogcRange.min ? "the GC would run almost continuously" : "the heap could grow past 20× the live heap";
  return [
    {
      rule: "gogc-range",
      severity: "block",
      message: `GOGC ${gogc} is outside ${gogcRange.min}–${gogcRange.max}: ${why}`,
      instanceIds: [],
    },
  ];
}

/** With GOGC off only GOMEMLIMIT triggers a collection; without one the heap grows until OOM. */
export function gogcOffNeedsMemoryLimitRule({ content, targets }: PolicyContext): PolicyViolation[] {
  const { patch } = content;
  if (patch.gogc === undefined && patch.memoryLimitBytes === undefined) return [];
  const findings: InstanceFinding[] = [];
  for (const target of targets) {
    if (target.currentConfig === null) {
      if (patch.gogc === "off" && patch.memoryLimitBytes === undefined) {
        findings.push({
          instanceId: target.instanceId,
          headline: "GOGC off needs a GOMEMLIMIT, and the current one is unknown: set memoryLimitBytes in the change",
        });
      }
      continue;
    }
    const after = applyRuntimePatch(target.currentConfig, patch);
    if (after.gogc === "off" && after.memoryLimitBytes === null) {
      findings.push({
        instanceId: target.instanceId,
        headline: "GOGC off without a GOMEMLIMIT leaves nothing to trigger garbage collection",
      });
    }
  }
  return violationsOf("gogc-off-needs-memory-limit", "block", findings, targets.length);
}

export function memoryLimitBelowContainerRule({ content, targets }: PolicyContext): PolicyViolation[] {
  const limit = content.patch.memoryLimitBytes;
  if (limit === undefined || limit === null) return [];
  const findings: InstanceFinding[] = [];
  for (const target of targets) {
    const container = target.containerMemoryLimitBytes;
    if (container === null) continue;
    const allowed = container * maxMemoryLimitToContainerRatio;
    if (limit > allowed) {
      findings.push({
        instanceId: target.instanceId,
        headline: `GOMEMLIMIT ${formatBytes(limit)} is above ${formatPercent(maxMemoryLimitToContainerRatio)} of the container memory limit (${formatBytes(container)}; at most ${formatBytes(allowed)})`,
      });
    }
  }
  return violationsOf("memory-limit-below-container", "block", findings, targets.length);
}

export function memoryLimitAboveLiveHeapRule({ content, targets }: PolicyContext): PolicyViolation[] {
  const limit = content.patch.memoryLimitBytes;
  if (limit === undefined || limit === null) return [];
  const findings: InstanceFinding[] = [];
  for (const target of targets) {
    const sample = target.latestSample;
    const liveHeap = target.peakLiveHeapBytes ?? sample?.heapLiveBytes ?? null;
    // Instances without a live heap are reported once, by gcDataAvailableRule.
    if (liveHeap === null) continue;
    const needed =
      (liveHeap + estimateNonHeapBytes(liveHeap, sample?.goroutines ?? undefined)) * (1 + memoryLimitLiveHeapMargin);
    if (limit < needed) {
      findings.push({
        instanceId: target.instanceId,
        headline: `GOMEMLIMIT ${formatBytes(limit)} is less than ${formatPercent(memoryLimitLiveHeapMargin)} above the peak live heap plus runtime memory`,
        detail: `worst: ${target.instanceId} needs at least ${formatBytes(needed)}, live heap ${formatBytes(liveHeap)}`,
        weight: needed,
      });
    }
  }
  return violationsOf("memory-limit-above-live-heap", "block", findings, targets.length);
}

/** More Ps than the CPU quota allows makes the kernel throttle the process mid-GC: long pauses. */
export function gomaxprocsWithinCpuQuotaRule({ content, targets }: PolicyContext): PolicyViolation[] {
  const procs = content.patch.gomaxprocs;
  if (procs === undefined) return [];
  const findings: InstanceFinding[] = [];
  for (const target of targets) {
    if (target.cpuLimitCores === null) continue;
    const quota = Math.ceil(target.cpuLimitCores);
    if (procs > quota) {
      findings.push({
        instanceId: target.instanceId,
        headline: `GOMAXPROCS ${procs} is above the container CPU quota of ${quota} ${quota === 1 ? "core" : "cores"}`,
      });
    }
  }
  return violationsOf("gomaxprocs-within-cpu-quota", "block", findings, targets.length);
}

/** Rules above skip what they cannot see; this says so, so a pass is never mistaken for a check. */
export function runtimeConfigKnownRule({ content, targets }: PolicyContext): PolicyViolation[] {
  if (!patchTouchesRuntime(content.patch)) return [];
  const findings = targets
    .filter((target) => target.currentConfig === null)
    .map((target) => ({
      instanceId: target.instanceId,
      headline: "the current runtime config is unknown, so the GOGC and risk rules could not compare with it",
    }));
  return violationsOf("runtime-config-known", "warn", findings, targets.length);
}

export function gcDataAvailableRule({ content, targets, prediction }: PolicyContext): PolicyViolation[] {
  if (!patchTouchesRuntime(content.patch)) return [];
  const reasons = new Map(
    prediction.instances.flatMap((p) => (p.kind === "no_data" ? [[p.instanceId, p.reason] as const] : [])),
  );
  const findings = targets
    .filter((target) => reasons.has(target.instanceId))
    .map((target) => ({
      instanceId: target.instanceId,
      headline: `no prediction (${reasons.get(target.instanceId)}), so the memory and headroom checks skipped it`,
    }));
  return violationsOf("gc-data-available", "warn", findings, targets.length);
}
