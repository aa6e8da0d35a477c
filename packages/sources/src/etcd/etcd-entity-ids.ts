import type { EtcdMemberReading } from "./read-etcd-cluster.ts";

/** Where an etcd cluster is placed and which source reports it; the cluster's id is the source's. */
export interface EtcdClusterPlace {
  sourceId: string;
  clusterId: string;
  clusterName: string;
  regionId: string;
  zoneId: string;
}

/** `<cluster>-<member name>`, e.g. lab-etcd-1: stable across restarts and readable in a URL. */
export function etcdInstanceId(clusterId: string, reading: EtcdMemberReading): string {
  return `${clusterId}-${entityIdPart(reading.member.name || reading.member.memberId)}`;
}

/** The host a member runs on, from the URL it was asked at or its first peer URL. */
export function etcdMemberHost(reading: EtcdMemberReading): string {
  for (const url of [reading.clientUrl, ...reading.member.peerUrls]) {
    if (!url) continue;
    try {
      return new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
    } catch {}
  }
  return "unknown-host";
}

/** `<cluster>-<host>`: members on one host share its node, as processes share a machine. */
export function etcdNodeId(clusterId: string, host: string): string {
  return `${clusterId}-${entityIdPart(host)}`;
}

/** Anything outside EntityId's letters, digits and `._:-` becomes `_`. */
function entityIdPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._:-]/g, "_");
}
