import type { KubePod } from "./kubernetes-objects.ts";
import type { WorkloadRef } from "./owner-resolution.ts";

/** The recommended label first (app.kubernetes.io/name), then the older "app" convention. */
export const defaultServiceLabels = ["app.kubernetes.io/name", "app"] as const;

/** Which service a pod runs: the first service label it has, else its workload's name, else its own. */
export function serviceNameOf(
  pod: Pick<KubePod, "labels" | "name">,
  workload: WorkloadRef | null,
  serviceLabels: readonly string[],
): string {
  for (const label of serviceLabels) {
    const value = pod.labels[label];
    if (value) return value;
  }
  return workload?.name ?? pod.name;
}

/**
 * A pod is an instance while it is meant to run: a Succeeded pod (a finished Job) is done, not
 * down, and would otherwise paint the map red forever. A Failed pod stays: it is a real problem.
 */
export function isInstancePod(pod: Pick<KubePod, "phase">): boolean {
  return pod.phase !== "Succeeded";
}

/** Up means serving: Running, with the Ready condition true (readiness probes pass). */
export function isPodUp(pod: Pick<KubePod, "phase" | "ready">): boolean {
  return pod.phase === "Running" && pod.ready;
}
