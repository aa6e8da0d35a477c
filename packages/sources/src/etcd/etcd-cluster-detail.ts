import type { ClusterDetail, EtcdClusterDetail, EtcdMemberDetail } from "@fleetdeck/core";
import { type EtcdClusterPlace, etcdInstanceId } from "./etcd-entity-ids.ts";
import type { EtcdMemberStatus } from "./etcd-wire.ts";
import type { EtcdClusterReading } from "./read-etcd-cluster.ts";

/**
 * The cluster's detail from one reading. Every listed member appears, down ones with their
 * error; members are ordered by name so a table does not reshuffle between reads.
 */
export function foldEtcdClusterDetail(
  reading: EtcdClusterReading,
  place: EtcdClusterPlace,
  readAtMs: number,
): ClusterDetail {
  const leader = agreedLeader(reading.members.flatMap((member) => (member.status ? [member.status] : [])));
  const members: EtcdMemberDetail[] = reading.members.map((member) => ({
    memberId: member.member.memberId,
    name: member.member.name,
    clientUrls: member.member.clientUrls,
    peerUrls: member.member.peerUrls,
    up: member.status !== null,
    isLeader: leader.leaderMemberId === member.member.memberId,
    raftTerm: member.status?.raftTerm ?? null,
    raftIndex: member.status?.raftIndex ?? null,
    dbSizeBytes: member.status?.dbSizeBytes ?? null,
    version: member.status?.version ?? null,
    hasLeader: member.metrics?.hasLeader ?? null,
    leaderChangesSeen: member.metrics?.leaderChangesSeen ?? null,
    error: member.error,
    instanceId: etcdInstanceId(place.clusterId, member),
  }));
  members.sort((a, b) => a.name.localeCompare(b.name) || a.memberId.localeCompare(b.memberId));
  const detail: EtcdClusterDetail = {
    kind: "etcd",
    clusterIdHex: reading.clusterIdHex,
    leaderMemberId: leader.leaderMemberId,
    raftTerm: leader.raftTerm,
    members,
  };
  return {
    clusterId: place.clusterId,
    name: place.clusterName,
    regionId: place.regionId,
    sourceId: place.sourceId,
    readAtMs,
    detail,
  };
}

/**
 * The leader the answering members agree on. Raft has at most one leader per term, so the
 * newest term any member names a leader in wins; within it the leader most members name (they
 * only differ while a vote is being counted). The cluster's term is the highest any member is in.
 */
export function agreedLeader(statuses: readonly EtcdMemberStatus[]): {
  leaderMemberId: string | null;
  raftTerm: number | null;
} {
  const terms = statuses.flatMap((status) => (status.raftTerm === null ? [] : [status.raftTerm]));
  const raftTerm = terms.length > 0 ? Math.max(...terms) : null;
  const votes = new Map<string, { term: number; count: number }>();
  for (const status of statuses) {
    if (status.leaderMemberId === null) continue;
    const term = status.raftTerm ?? -1;
    const key = `${term}/${status.leaderMemberId}`;
    votes.set(key, { term, count: (votes.get(key)?.count ?? 0) + 1 });
  }
  let best: { key: string; term: number; count: number } | null = null;
  for (const [key, vote] of votes) {
    if (!best || vote.term > best.term || (vote.term === best.term && vote.count > best.count)) best = { key, ...vote };
  }
  return { leaderMemberId: best ? best.key.slice(best.key.indexOf("/") + 1) : null, raftTerm };
}
