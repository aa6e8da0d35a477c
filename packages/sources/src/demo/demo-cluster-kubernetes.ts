import type { KubernetesClusterDetail } from "@fleetdeck/core";
import type { ClusterMember, DemoClusterContext } from "./demo-cluster-context.ts";
import { podRestartsAt, podRolloutAt, readyAt } from "./demo-pod-status.ts";
import { hashCombine, keyFor, randomFor, unitFromHash } from "./random.ts";
import { serviceCatalog } from "./service-catalog.ts";

type KubernetesNode = KubernetesClusterDetail["nodes"][number];
type KubernetesWorkload = KubernetesClusterDetail["workloads"][number];
type KubernetesPod = KubernetesClusterDetail["pods"][number];

/** Data stores keep their identity and volumes across restarts: they run as StatefulSets. */
const statefulServiceIds = new Set(serviceCatalog.filter((t) => t.layer === "data").map((t) => t.id));

/** Kubelet releases a cluster may run, oldest first; a cluster mid-upgrade has nodes one behind. */
const kubeletReleases = ["v1.29.10", "v1.30.6", "v1.31.2"] as const;
const laggingNodeShare = 0.12;

const weekMs = 7 * 24 * 3_600_000;
/** Each node is cordoned for an hour a week for OS patching. */
const maintenanceWindowMs = 3_600_000;

/** The characters Kubernetes uses in generated names (no vowels, no look-alikes). */
const nameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

/**
 * A Kubernetes cluster of the demo fleet: every node of the inventory, one workload per service
 * running there, one pod per instance, with readiness from the instance's GC state and restarts
 * that grow over demo time (and fast under a memory-limit fault).
 */
export function demoKubernetesDetail(context: DemoClusterContext): KubernetesClusterDetail {
  const { cluster, nodes, members, services } = context;
  const release = randomFor(context.seed, "kubelet", cluster.id).int(1, kubeletReleases.length - 1);
  const nodeDetails: KubernetesNode[] = nodes.map((node) => ({
    name: node.name,
    ready: true,
    regionId: cluster.regionId,
    zoneId: node.zoneId,
    roles: ["worker"],
    kubeletVersion: kubeletVersionOf(context.seed, node.id, release),
    cpuCores: node.cpuCores,
    memoryBytes: node.memoryBytes,
    unschedulable: inMaintenance(context.seed, node.id, context.atMs),
  }));
  const nodeNames = new Map(nodes.map((node) => [node.id, node.name]));

  const workloads: KubernetesWorkload[] = [];
  const pods: KubernetesPod[] = [];
  for (const [serviceId, serviceMembers] of groupByService(members)) {
    const kind = statefulServiceIds.has(serviceId) ? "StatefulSet" : "Deployment";
    const namespace = services.get(serviceId)?.owner ?? "default";
    const workloadPods = serviceMembers.map((member, ordinal) =>
      podOf(context, member, {
        kind,
        namespace,
        serviceId,
        clusterId: cluster.id,
        ordinal,
        nodeName: nodeNames.get(member.instance.nodeId),
      }),
    );
    workloads.push({
      namespace,
      name: serviceId,
      kind,
      desiredReplicas: serviceMembers.length,
      readyReplicas: workloadPods.filter((pod) => pod.ready).length,
    });
    pods.push(...workloadPods);
  }
  return { kind: "kubernetes", nodes: nodeDetails, workloads, pods };
}

interface PodPlace {
  kind: "Deployment" | "StatefulSet";
  namespace: string;
  serviceId: string;
  clusterId: string;
  ordinal: number;
  nodeName: string | undefined;
}

function podOf(context: DemoClusterContext, member: ClusterMember, place: PodPlace): KubernetesPod {
  const { seed, atMs } = context;
  const { instance } = member;
  const rollout = podRolloutAt(seed, `${place.serviceId}/${place.clusterId}`, place.ordinal, atMs);
  const faults = context.faultsOf(member.index);
  return {
    namespace: place.namespace,
    name: podNameOf(seed, place, instance.id, rollout.rolloutIndex),
    nodeName: place.nodeName ?? null,
    phase: "Running",
    ready: readyAt(instance, context.sampleAt(member.index), faults, atMs),
    restarts: podRestartsAt(seed, instance.id, rollout, atMs, faults),
    workload: `${place.kind}/${place.serviceId}`,
    instanceId: instance.id,
    startedAtMs: rollout.startedAtMs,
  };
}

/**
 * A StatefulSet's pods are named by ordinal; a Deployment's by its ReplicaSet's template hash (new
 * with each rollout) and a random tail, as the Kubernetes controllers name them.
 */
function podNameOf(seed: number, place: PodPlace, instanceId: string, rolloutIndex: number): string {
  if (place.kind === "StatefulSet") return `${place.serviceId}-${place.ordinal}`;
  const templateHash = generatedName(keyFor(seed, "replicaset", place.serviceId, place.clusterId), rolloutIndex, 10);
  return `${place.serviceId}-${templateHash}-${generatedName(keyFor(seed, "pod", instanceId), rolloutIndex, 5)}`;
}

function groupByService(members: readonly ClusterMember[]): Map<string, ClusterMember[]> {
  const groups = new Map<string, ClusterMember[]>();
  for (const member of members) {
    const group = groups.get(member.instance.serviceId);
    if (group) group.push(member);
    else groups.set(member.instance.serviceId, [member]);
  }
  return groups;
}

/** A name suffix like the ReplicaSet hash or a pod's random tail: stable for one rollout. */
function generatedName(key: number, rolloutIndex: number, length: number): string {
  let name = "";
  let hash = hashCombine(key, rolloutIndex);
  for (let i = 0; i < length; i++) {
    hash = hashCombine(hash, i);
    name += nameAlphabet[Math.floor(unitFromHash(hash) * nameAlphabet.length)];
  }
  return name;
}

function kubeletVersionOf(seed: number, nodeId: string, clusterRelease: number): string {
  const lagging = unitFromHash(keyFor(seed, "kubelet-lag", nodeId)) < laggingNodeShare;
  return kubeletReleases[lagging ? clusterRelease - 1 : clusterRelease] ?? kubeletReleases[0];
}

function inMaintenance(seed: number, nodeId: string, atMs: number): boolean {
  const offsetMs = unitFromHash(keyFor(seed, "maintenance", nodeId)) * weekMs;
  const intoWeekMs = (((atMs - offsetMs) % weekMs) + weekMs) % weekMs;
  return intoWeekMs < maintenanceWindowMs;
}
