import type { EtcdClusterDetail, EtcdMemberDetail } from "@fleetdeck/core";
import { type DemoClusterContext, seatsOf } from "./demo-cluster-context.ts";
import { podRolloutAt } from "./demo-pod-status.ts";
import { hashCombine, keyFor, randomFor, unitFromHash } from "./random.ts";

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const MiB = 1024 * 1024;
const etcdVersions = ["3.5.13", "3.5.16", "3.5.17"] as const;
/** etcd's default backend quota: a DB this big raises the NOSPACE alarm, so ours stays below. */
const backendQuotaBytes = 2 * 1024 * MiB;

/**
 * An etcd cluster of the demo fleet: one member per seat (its etcd instances, or its nodes when it
 * has none), all up. An election every few hours raises the raft term and picks that term's
 * leader; each member counts the leader changes it saw since it last restarted, as etcd's
 * etcd_server_leader_changes_seen_total does.
 */
export function demoEtcdDetail(context: DemoClusterContext): EtcdClusterDetail {
  const { seed, cluster, atMs, createdAtMs } = context;
  const random = randomFor(seed, "etcd", cluster.id);
  const termPeriodMs = random.between(2, 5) * hourMs;
  const firstTerm = random.int(2, 12);
  const writesPerSecond = random.between(5, 60);
  const baseDbBytes = random.between(40, 300) * MiB;
  const dbGrowthBytesPerDay = random.between(0.5, 2) * MiB;
  const version = random.pick(etcdVersions);

  const termAt = (tMs: number) => firstTerm + Math.floor(Math.max(0, tMs - createdAtMs) / termPeriodMs);
  const term = termAt(atMs);
  const seats = seatsOf(context.members, context.nodes);
  const leaderKey = keyFor(seed, "etcd-leader", cluster.id);
  const leaderIndex = seats.length === 0 ? -1 : hashCombine(leaderKey, term) % seats.length;
  const ageMs = Math.max(0, atMs - createdAtMs);
  const committedIndex = Math.floor((ageMs / 1000) * writesPerSecond) + term;
  const dbSizeBytes = Math.min(0.9 * backendQuotaBytes, baseDbBytes + (ageMs / dayMs) * dbGrowthBytesPerDay);

  const members = seats.map((seat, i): EtcdMemberDetail => {
    const memberKey = keyFor(seed, "etcd-member", cluster.id, seat.name);
    const startedAtMs = Math.max(createdAtMs, podRolloutAt(seed, `etcd/${cluster.id}`, i, atMs).startedAtMs);
    const isLeader = i === leaderIndex;
    return {
      memberId: hex64(memberKey),
      name: seat.name,
      clientUrls: [`https://${seat.host}:2379`],
      peerUrls: [`https://${seat.host}:2380`],
      up: true,
      isLeader,
      raftTerm: term,
      // Followers apply what the leader committed a moment later.
      raftIndex: isLeader
        ? committedIndex
        : committedIndex - Math.floor(3 * unitFromHash(hashCombine(memberKey, term))),
      dbSizeBytes: Math.round(dbSizeBytes * (1 + 0.02 * unitFromHash(hashCombine(memberKey, 7)))),
      version,
      hasLeader: true,
      // Joining counts the leader it found; every election since adds one.
      leaderChangesSeen: term - termAt(startedAtMs) + 1,
      error: null,
      instanceId: seat.member?.instance.id ?? null,
    };
  });
  return {
    kind: "etcd",
    clusterIdHex: hex64(keyFor(seed, "etcd-cluster", cluster.id)),
    leaderMemberId: members[leaderIndex]?.memberId ?? null,
    raftTerm: seats.length === 0 ? null : term,
    members,
  };
}

/** A 64-bit id written as etcd writes member ids: 16 hex digits. */
function hex64(key: number): string {
  const high = hashCombine(key, 1).toString(16).padStart(8, "0");
  const low = hashCombine(key, 2).toString(16).padStart(8, "0");
  return `${high}${low}`;
}
