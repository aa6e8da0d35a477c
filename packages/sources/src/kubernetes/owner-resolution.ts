import type { OwnerReference } from "./kubernetes-objects.ts";

/** The workload a pod belongs to, as "Kind/name" shows it. */
export interface WorkloadRef {
  kind: string;
  name: string;
}

/** How namespaced objects are keyed in the caches. */
export function namespacedKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/**
 * The workload that manages a pod: a Deployment's pods are owned by one of its ReplicaSets, so a
 * ReplicaSet owner is followed one step up; other owners (StatefulSet, DaemonSet, Job) own their
 * pods directly. A ReplicaSet not (yet) in the cache stays the answer rather than a guess. Null
 * for a bare pod.
 */
export function resolveWorkload(
  pod: { namespace: string; owner: OwnerReference | null },
  replicaSetOwners: ReadonlyMap<string, OwnerReference | null>,
): WorkloadRef | null {
  if (!pod.owner) return null;
  if (pod.owner.kind === "ReplicaSet") {
    const deployment = replicaSetOwners.get(namespacedKey(pod.namespace, pod.owner.name));
    if (deployment?.kind === "Deployment") return { kind: "Deployment", name: deployment.name };
  }
  return { kind: pod.owner.kind, name: pod.owner.name };
}

export function formatWorkload(workload: WorkloadRef | null): string | null {
  return workload ? `${workload.kind}/${workload.name}` : null;
}
