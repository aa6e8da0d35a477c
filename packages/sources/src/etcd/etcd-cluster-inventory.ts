import type { ObservedInstance, ObservedNode } from "@fleetdeck/core";
import type { ClusterInventory } from "../cluster-source.ts";
import { agreedLeader } from "./etcd-cluster-detail.ts";
import { type EtcdClusterPlace, etcdInstanceId, etcdMemberHost, etcdNodeId } from "./etcd-entity-ids.ts";
import type { EtcdClusterReading } from "./read-etcd-cluster.ts";

/** The service every etcd member is an instance of. */
export const etcdServiceId = "etcd";

/**
 * The cluster as places and instances: one region and zone (etcd does not know where it runs),
 * one node per host, one instance of the "etcd" service per member, up when it answered.
 */
export function foldEtcdClusterInventory(reading: EtcdClusterReading, place: EtcdClusterPlace): ClusterInventory {
  const { clusterId, regionId, zoneId } = place;
  const leader = agreedLeader(reading.members.flatMap((member) => (member.status ? [member.status] : [])));
  const nodes = new Map<string, ObservedNode>();
  const nodeReady: Record<string, boolean> = {};
  const instances: ObservedInstance[] = [];
  const instanceUp: Record<string, boolean> = {};
  const instanceLabels: Record<string, Record<string, string>> = {};
  for (const member of reading.members) {
    const host = etcdMemberHost(member);
    const nodeId = etcdNodeId(clusterId, host);
    if (!nodes.has(nodeId))
      nodes.set(nodeId, { id: nodeId, name: host, clusterId, zoneId, cpuCores: null, memoryBytes: null });
    const up = member.status !== null;
    // A host is reachable when any member on it answers.
    nodeReady[nodeId] = (nodeReady[nodeId] ?? false) || up;
    const id = etcdInstanceId(clusterId, member);
    instances.push({
      id,
      serviceId: etcdServiceId,
      clusterId,
      regionId,
      zoneId,
      nodeId,
      // etcd serves both on its client URL (pprof with --enable-pprof).
      pprofUrl: member.clientUrl ? `${member.clientUrl}/debug/pprof` : null,
      metricsUrl: member.clientUrl ? `${member.clientUrl}/metrics` : null,
      goVersion: member.metrics?.goVersion ?? null,
      runtimeConfig: null,
    });
    instanceUp[id] = up;
    instanceLabels[id] = {
      etcd_member: member.member.name || member.member.memberId,
      etcd_role: !up ? "unknown" : leader.leaderMemberId === member.member.memberId ? "leader" : "follower",
    };
  }
  return {
    regions: [{ id: regionId, name: regionId, utcOffsetHours: null }],
    zones: [{ id: zoneId, regionId, name: zoneId }],
    clusters: [{ id: clusterId, name: place.clusterName, regionId, kind: "etcd" }],
    nodes: [...nodes.values()],
    services: [{ id: etcdServiceId, name: "etcd", owner: null, tier: null }],
    instances,
    instanceUp,
    nodeReady,
    instanceLabels,
  };
}
