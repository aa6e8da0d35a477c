import { type GcModelInput, predictGc } from "../gc/gc-model.ts";
import type { RuntimeConfig } from "../model/inventory.ts";
import { effectiveMemoryLimitBytes } from "../overview/health-policy.ts";
import { applyRuntimePatch } from "./change-patch.ts";
import type { ChangePatch } from "./change-request.ts";
import { gcModelInputOfSample } from "./sample-model-input.ts";
import type { TargetInstance } from "./target-instance.ts";

/**
 * Below this share of the memory limit left free at the heap's peak, one traffic burst or a
 * slightly larger live heap reaches the limit: the GC then runs nearly continuously (GOMEMLIMIT)
 * or the container is OOM-killed. The risk rules and the summary flag it.
 */
export const lowHeadroomRatio = 0.15;

/** The GC model's view of one instance under one config. */
export interface GcOutlook {
  config: RuntimeConfig;
  heapGoalBytes: number;
  /** The top of the heap sawtooth, what memory must fit. */
  heapPeakBytes: number;
  gcCyclesPerSecond: number;
  gcCpuCores: number;
  gcCpuFraction: number;
  pauseP99Seconds: number;
  rssBytes: number;
  /** GOMEMLIMIT, not GOGC, sets the heap goal. */
  memoryLimitBinding: boolean;
  /** The GC CPU limiter engaged and let the heap past GOMEMLIMIT. */
  gcCpuLimited: boolean;
  /** The limit the headroom is measured to: the container's when set, else GOMEMLIMIT; null when neither. */
  memoryLimitBytes: number | null;
  /** Limit minus peak RSS; null without a limit. */
  headroomBytes: number | null;
  headroomRatio: number | null;
}

export type InstanceChangePrediction =
  | { instanceId: string; kind: "predicted"; before: GcOutlook; after: GcOutlook }
  /** Nothing is guessed for an instance the model lacks inputs for; the reason says which. */
  | { instanceId: string; kind: "no_data"; reason: string };

export interface ChangePrediction {
  instances: InstanceChangePrediction[];
  predictedInstanceCount: number;
  noDataInstanceIds: string[];
  /** GC CPU cores saved over the predicted instances: positive saves, negative spends. */
  gcCpuCoresSaved: number;
  /** The sum of the heap peaks' growth over the predicted instances (negative frees memory). */
  memoryAddedBytes: number;
  /** Instances where GOMEMLIMIT sets the heap goal after the change. */
  limitBindingInstanceIds: string[];
  /** Instances left with less than lowHeadroomRatio of their memory limit after the change. */
  lowHeadroomInstanceIds: string[];
}

/** Predicts each target instance's GC now and under the patch, from its latest sample, and sums them. */
export function predictChange(targets: readonly TargetInstance[], patch: ChangePatch): ChangePrediction {
  const instances = targets.map((target) => predictInstance(target, patch));
  const predicted = instances.filter((prediction) => prediction.kind === "predicted");
  const sum = (value: (prediction: (typeof predicted)[number]) => number) =>
    predicted.reduce((total, prediction) => total + value(prediction), 0);
  return {
    instances,
    predictedInstanceCount: predicted.length,
    noDataInstanceIds: instances.filter((p) => p.kind === "no_data").map((p) => p.instanceId),
    gcCpuCoresSaved: sum((p) => p.before.gcCpuCores - p.after.gcCpuCores),
    memoryAddedBytes: sum((p) => p.after.heapPeakBytes - p.before.heapPeakBytes),
    limitBindingInstanceIds: predicted.filter((p) => p.after.memoryLimitBinding).map((p) => p.instanceId),
    lowHeadroomInstanceIds: predicted
      .filter((p) => p.after.headroomRatio !== null && p.after.headroomRatio < lowHeadroomRatio)
      .map((p) => p.instanceId),
  };
}

function predictInstance(target: TargetInstance, patch: ChangePatch): InstanceChangePrediction {
  const { instanceId, currentConfig, latestSample } = target;
  if (latestSample === null) return { instanceId, kind: "no_data", reason: "no GC sample" };
  if (currentConfig === null) return { instanceId, kind: "no_data", reason: "current runtime config unknown" };
  const now = gcModelInputOfSample(latestSample, currentConfig, target.cpuLimitCores);
  if (now.kind === "missing") {
    return { instanceId, kind: "no_data", reason: `the GC sample lacks ${now.fields.join(", ")}` };
  }
  // The same workload under the new settings: only the runtime config differs between the sides.
  const afterConfig = applyRuntimePatch(currentConfig, patch);
  const afterInput: GcModelInput = {
    ...now.input,
    gogc: afterConfig.gogc,
    memoryLimitBytes: afterConfig.memoryLimitBytes,
    gomaxprocs: afterConfig.gomaxprocs,
  };
  return {
    instanceId,
    kind: "predicted",
    before: outlookOf(target, currentConfig, now.input),
    after: outlookOf(target, afterConfig, afterInput),
  };
}

function outlookOf(target: TargetInstance, config: RuntimeConfig, input: GcModelInput): GcOutlook {
  const prediction = predictGc(input);
  const memoryLimitBytes = effectiveMemoryLimitBytes(
    { memoryLimitBytes: target.containerMemoryLimitBytes },
    { memoryLimitBytes: config.memoryLimitBytes },
  );
  const headroomBytes = memoryLimitBytes === null ? null : memoryLimitBytes - prediction.rssBytes;
  return {
    config,
    heapGoalBytes: prediction.heapGoalBytes,
    heapPeakBytes: prediction.heapPeakBytes,
    gcCyclesPerSecond: prediction.gcCyclesPerSecond,
    gcCpuCores: prediction.gcCpuCores,
    gcCpuFraction: prediction.gcCpuFraction,
    pauseP99Seconds: prediction.pause.p99Seconds,
    rssBytes: prediction.rssBytes,
    memoryLimitBinding: prediction.memoryLimitBinding,
    gcCpuLimited: prediction.gcCpuLimited,
    memoryLimitBytes,
    headroomBytes,
    headroomRatio: memoryLimitBytes === null || headroomBytes === null ? null : headroomBytes / memoryLimitBytes,
  };
}
