import { sampleFor } from "../overview/test-fixtures.ts";
import type { ChangePolicyInput } from "./change-policy.ts";
import type { ChangeContent } from "./change-request.ts";
import { defaultChangePolicySettings } from "./policy-settings.ts";
import type { TargetInstance } from "./target-instance.ts";

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/**
 * A checkout instance in eu-west: GOGC 100, no GOMEMLIMIT, 4 Ps on a 4-core quota, 1 GiB container,
 * sampled with a 100 MiB live heap, 100 MiB/s allocation and 500 goroutines.
 */
export function targetInstance(instanceId: string, overrides: Partial<TargetInstance> = {}): TargetInstance {
  return {
    instanceId,
    regionId: "eu-west",
    clusterId: "eu-west-k8s",
    currentConfig: { gogc: 100, memoryLimitBytes: null, gomaxprocs: 4 },
    cpuLimitCores: 4,
    containerMemoryLimitBytes: GiB,
    latestSample: sampleFor(instanceId),
    peakLiveHeapBytes: null,
    ...overrides,
  };
}

export function changeContent(overrides: Partial<ChangeContent> = {}): ChangeContent {
  return {
    title: "Raise GOGC on checkout",
    description: "Less GC CPU for a little more memory.",
    patch: { gogc: 150 },
    target: { serviceId: "checkout", selector: "" },
    plan: {
      stages: [
        { name: "canary", regionId: null, size: { kind: "instances", count: 1 }, bakeSeconds: 600 },
        { name: "all", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds: 600 },
      ],
      gates: [],
      convergenceTimeoutSeconds: 60,
    },
    ...overrides,
  };
}

export function policyInput(overrides: Partial<ChangePolicyInput> = {}): ChangePolicyInput {
  return {
    content: changeContent(),
    targets: [targetInstance("checkout-1"), targetInstance("checkout-2")],
    settings: defaultChangePolicySettings,
    moment: "submit",
    nowMs: Date.UTC(2026, 5, 1, 12),
    otherChanges: [],
    ...overrides,
  };
}
