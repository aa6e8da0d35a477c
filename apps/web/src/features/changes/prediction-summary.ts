import { type ChangePolicyEvaluation, lowHeadroomRatio } from "@fleetdeck/core";
import type { Stat } from "../../components/StatCard.tsx";
import { formatBytes, formatCores } from "../../lib/format.ts";

/**
 * The prediction summed over the service, as stat cards: GC CPU saved or spent, memory added or
 * freed, and how many instances end up with the limit binding or too little headroom.
 */
export function predictionStats(evaluation: ChangePolicyEvaluation): Stat[] {
  const { prediction } = evaluation;
  const total = prediction.instances.length;
  const saved = prediction.gcCpuCoresSaved;
  const added = prediction.memoryAddedBytes;
  const predicted = prediction.predictedInstanceCount;
  const noData = prediction.noDataInstanceIds.length;
  return [
    {
      label: saved >= 0 ? "GC CPU saved" : "GC CPU spent",
      value: `${formatCores(Math.abs(saved))} cores`,
      tone: saved > 0 ? "good" : saved < 0 ? "warn" : "neutral",
      detail: `over ${predicted} predicted ${predicted === 1 ? "instance" : "instances"}`,
    },
    {
      label: added >= 0 ? "Memory added" : "Memory freed",
      value: formatBytes(Math.abs(added)),
      tone: added > 0 ? "warn" : "neutral",
      detail: "sum of heap peaks",
    },
    {
      label: "Limit binds",
      value: `${prediction.limitBindingInstanceIds.length} of ${predicted}`,
      tone: prediction.limitBindingInstanceIds.length > 0 ? "warn" : "neutral",
      detail: "GOMEMLIMIT sets the heap goal",
    },
    {
      label: `Under ${Math.round(lowHeadroomRatio * 100)} % headroom`,
      value: `${prediction.lowHeadroomInstanceIds.length} of ${predicted}`,
      tone: prediction.lowHeadroomInstanceIds.length > 0 ? "bad" : "good",
      detail: "memory limit left at the heap's peak",
    },
    {
      label: "Instances",
      value: String(total),
      tone: noData > 0 ? "warn" : "neutral",
      detail: noData > 0 ? `${noData} without data to predict from` : "all predicted",
    },
  ];
}
