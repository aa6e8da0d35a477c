import { z } from "zod";
import { EntityId } from "../model/inventory.ts";

/**
 * What a cluster looks like from its own control plane, per kind. Fields a source cannot know
 * are null; an unreachable member or store is listed with its error rather than dropped.
 */
export const KubernetesNodeDetail = z.object({
  name: z.string(),
  ready: z.boolean(),
  regionId: z.string().nullable(),
  zoneId: z.string().nullable(),
  roles: z.array(z.string()),
  kubeletVersion: z.string().nullable(),
  cpuCores: z.number().nullable(),
  memoryBytes: z.number().nullable(),
  unschedulable: z.boolean(),
});
export const KubernetesWorkloadDetail = z.object({
  namespace: z.string(),
  name: z.string(),
  kind: z.enum(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Pod"]),
  desiredReplicas: z.number().int().nonnegative().nullable(),
  readyReplicas: z.number().int().nonnegative(),
});
export const KubernetesPodDetail = z.object({
  namespace: z.string(),
  name: z.string(),
  nodeName: z.string().nullable(),
  phase: z.enum(["Pending", "Running", "Succeeded", "Failed", "Unknown"]),
  ready: z.boolean(),
  restarts: z.number().int().nonnegative(),
  /** The owning workload as "Kind/name", null for a bare pod. */
  workload: z.string().nullable(),
  /** The instance id the console knows this pod by, when it is one. */
  instanceId: EntityId.nullable(),
  startedAtMs: z.number().nullable(),
});
export const KubernetesClusterDetail = z.object({
  kind: z.literal("kubernetes"),
  nodes: z.array(KubernetesNodeDetail),
  workloads: z.array(KubernetesWorkloadDetail),
  pods: z.array(KubernetesPodDetail),
});

export const EtcdMemberDetail = z.object({
  /** etcd's member id, as hex. */
  memberId: z.string(),
  name: z.string(),
  clientUrls: z.array(z.string()),
  peerUrls: z.array(z.string()),
  up: z.boolean(),
  isLeader: z.boolean(),
  raftTerm: z.number().nullable(),
  raftIndex: z.number().nullable(),
  dbSizeBytes: z.number().nullable(),
  version: z.string().nullable(),
  /** etcd_server_has_leader from the member's own /metrics. */
  hasLeader: z.boolean().nullable(),
  /** etcd_server_leader_changes_seen_total from the member's own /metrics. */
  leaderChangesSeen: z.number().nullable(),
  /** Why the member could not be read, when it could not. */
  error: z.string().nullable(),
  instanceId: EntityId.nullable(),
});
export const EtcdClusterDetail = z.object({
  kind: z.literal("etcd"),
  clusterIdHex: z.string().nullable(),
  leaderMemberId: z.string().nullable(),
  raftTerm: z.number().nullable(),
  members: z.array(EtcdMemberDetail),
});

export const TidbPlacementDriverDetail = z.object({
  name: z.string(),
  clientUrl: z.string(),
  up: z.boolean(),
  isLeader: z.boolean(),
});
export const TidbStoreDetail = z.object({
  storeId: z.string(),
  address: z.string(),
  state: z.enum(["Up", "Offline", "Down", "Tombstone", "Disconnected"]),
  regionCount: z.number().int().nonnegative().nullable(),
  leaderCount: z.number().int().nonnegative().nullable(),
  capacityBytes: z.number().nullable(),
  availableBytes: z.number().nullable(),
  labels: z.record(z.string(), z.string()),
  instanceId: EntityId.nullable(),
});
export const TidbClusterDetail = z.object({
  kind: z.literal("tidb"),
  placementDrivers: z.array(TidbPlacementDriverDetail),
  stores: z.array(TidbStoreDetail),
});

export const VmClusterDetail = z.object({ kind: z.literal("vm") });

/** One cluster's detail, with where it came from and when it was read. */
export const ClusterDetail = z.object({
  clusterId: EntityId,
  name: z.string(),
  regionId: EntityId,
  sourceId: z.string(),
  readAtMs: z.number(),
  detail: z.discriminatedUnion("kind", [
    KubernetesClusterDetail,
    EtcdClusterDetail,
    TidbClusterDetail,
    VmClusterDetail,
  ]),
});
export type ClusterDetail = z.infer<typeof ClusterDetail>;
export type KubernetesClusterDetail = z.infer<typeof KubernetesClusterDetail>;
export type EtcdClusterDetail = z.infer<typeof EtcdClusterDetail>;
export type EtcdMemberDetail = z.infer<typeof EtcdMemberDetail>;
export type TidbClusterDetail = z.infer<typeof TidbClusterDetail>;
