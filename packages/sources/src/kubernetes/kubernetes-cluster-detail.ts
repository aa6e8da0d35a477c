import type { ClusterDetail } from "@fleetdeck/core";
import { podInstanceIdOf } from "./kubernetes-ids.ts";
import type { ClusterObjects, KubeWorkload } from "./kubernetes-objects.ts";
import { clusterRegionOf, type PlacementLabels, placeOfNode } from "./node-placement.ts";
import { formatWorkload, namespacedKey, resolveWorkload } from "./owner-resolution.ts";
import { isInstancePod } from "./pod-instances.ts";

export interface ClusterDetailInput {
  sourceId: string;
  contextName: string;
  clusterId: string;
  readAtMs: number;
  objects: ClusterObjects;
  placement: PlacementLabels;
}

type KubernetesDetail = Extract<ClusterDetail["detail"], { kind: "kubernetes" }>;
type WorkloadDetail = KubernetesDetail["workloads"][number];

const rolePrefix = "node-role.kubernetes.io/";

/** A node's roles from its node-role.kubernetes.io/<role> labels (and the older kubernetes.io/role). */
export function nodeRolesOf(labels: Readonly<Record<string, string>>): string[] {
  const roles = new Set<string>();
  for (const key of Object.keys(labels)) {
    if (key.startsWith(rolePrefix) && key.length > rolePrefix.length) roles.add(key.slice(rolePrefix.length));
  }
  const legacy = labels["kubernetes.io/role"];
  if (legacy) roles.add(legacy);
  return [...roles].sort();
}

const byNamespaceAndName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
  a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

/**
 * One context as the cluster detail page shows it: nodes with readiness, roles and capacity;
 * Deployments, StatefulSets and DaemonSets (and ReplicaSets no Deployment owns) with desired and
 * ready replicas; pods with phase, readiness, restarts and the workload that manages them.
 */
export function buildKubernetesClusterDetail(input: ClusterDetailInput): ClusterDetail {
  const { objects, clusterId } = input;
  const places = new Map(objects.nodes.map((node) => [node.name, placeOfNode(node.labels, input.placement)]));
  const replicaSetOwners = new Map(
    objects.replicaSets.map((replicaSet) => [namespacedKey(replicaSet.namespace, replicaSet.name), replicaSet.owner]),
  );
  const workloadsOf = (kind: WorkloadDetail["kind"], workloads: readonly KubeWorkload[]): WorkloadDetail[] =>
    workloads.map((workload) => ({
      namespace: workload.namespace,
      name: workload.name,
      kind,
      desiredReplicas: workload.desiredReplicas,
      readyReplicas: workload.readyReplicas,
    }));

  const detail: KubernetesDetail = {
    kind: "kubernetes",
    nodes: objects.nodes
      .map((node) => ({
        name: node.name,
        ready: node.ready,
        regionId: places.get(node.name)?.region?.id ?? null,
        zoneId: places.get(node.name)?.zone?.id ?? null,
        roles: nodeRolesOf(node.labels),
        kubeletVersion: node.kubeletVersion,
        cpuCores: node.cpuCores,
        memoryBytes: node.memoryBytes,
        unschedulable: node.unschedulable,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    workloads: [
      ...workloadsOf("Deployment", objects.deployments),
      ...workloadsOf("StatefulSet", objects.statefulSets),
      ...workloadsOf("DaemonSet", objects.daemonSets),
      ...workloadsOf(
        "ReplicaSet",
        objects.replicaSets.filter((replicaSet) => replicaSet.owner === null),
      ),
    ].sort((a, b) => byNamespaceAndName(a, b) || a.kind.localeCompare(b.kind)),
    pods: objects.pods
      .map((pod) => ({
        namespace: pod.namespace,
        name: pod.name,
        nodeName: pod.nodeName,
        phase: pod.phase,
        ready: pod.ready,
        restarts: pod.restarts,
        workload: formatWorkload(resolveWorkload(pod, replicaSetOwners)),
        instanceId: isInstancePod(pod) ? podInstanceIdOf(clusterId, pod.namespace, pod.name) : null,
        startedAtMs: pod.startedAtMs,
      }))
      .sort(byNamespaceAndName),
  };
  return {
    clusterId,
    name: input.contextName,
    regionId: clusterRegionOf(places.values()).id,
    sourceId: input.sourceId,
    readAtMs: input.readAtMs,
    detail,
  };
}
