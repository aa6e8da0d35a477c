import type { KubernetesNode, KubernetesPod, KubernetesWorkload, TidbStore } from "./cluster-types.ts";
import { compareSortValues } from "./table-sort.ts";

/**
 * The default orders of the cluster tables: what needs a look first (not ready, restarting, not
 * Up), then by name, so a long table opens on its problems.
 */
export function podsNeedingAttentionFirst(a: KubernetesPod, b: KubernetesPod): number {
  return (
    Number(a.ready) - Number(b.ready) ||
    b.restarts - a.restarts ||
    compareSortValues(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`)
  );
}

export function nodesNeedingAttentionFirst(a: KubernetesNode, b: KubernetesNode): number {
  return (
    Number(a.ready) - Number(b.ready) ||
    Number(b.unschedulable) - Number(a.unschedulable) ||
    compareSortValues(a.name, b.name)
  );
}

export function workloadsNeedingAttentionFirst(a: KubernetesWorkload, b: KubernetesWorkload): number {
  return (
    Number(fullyReady(a)) - Number(fullyReady(b)) ||
    compareSortValues(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`)
  );
}

export function storesNeedingAttentionFirst(a: TidbStore, b: TidbStore): number {
  return Number(a.state === "Up") - Number(b.state === "Up") || compareSortValues(a.storeId, b.storeId);
}

/** A workload with every replica it wants ready (one without a desired count: at least one ready). */
export function fullyReady(workload: KubernetesWorkload): boolean {
  return workload.desiredReplicas === null
    ? workload.readyReplicas > 0
    : workload.readyReplicas >= workload.desiredReplicas;
}
