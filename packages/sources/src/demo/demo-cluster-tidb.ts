import type { TidbClusterDetail } from "@fleetdeck/core";
import { type ClusterSeat, type DemoClusterContext, seatsOf } from "./demo-cluster-context.ts";
import { readyAt } from "./demo-pod-status.ts";
import { hashCombine, keyFor, randomFor, unitFromHash } from "./random.ts";

type TidbStore = TidbClusterDetail["stores"][number];

const dayMs = 24 * 3_600_000;
const MiB = 1024 * 1024;
const TiB = 1024 * 1024 * MiB;
/** TiKV keeps three replicas of every region (PD's max-replicas default). */
const maxReplicas = 3;
const placementDriverCount = 3;
/** PD moves its leadership now and then (a restart, a lease lost): about daily here. */
const pdLeaderTermMs = dayMs;
/** Operators add disks before a store passes this share used. */
const maxUsedShare = 0.6;

/**
 * A TiDB cluster of the demo fleet: three placement drivers (its pd instances, or its first nodes)
 * with one leader, and one store per kv-store instance (or per node). Every region has up to three
 * peers on distinct stores and one leader, so the stores' region counts add up to replicas ×
 * regions and their leader counts to the regions; the region count grows as data does.
 */
export function demoTidbDetail(context: DemoClusterContext): TidbClusterDetail {
  const { seed, cluster, atMs, createdAtMs, members, nodes } = context;
  const random = randomFor(seed, "tidb", cluster.id);
  const baseRegions = random.int(2000, 12_000);
  const growthPerDay = random.between(0.0005, 0.002);
  const averageRegionBytes = random.between(48, 80) * MiB;
  const diskChoicesTiB = [2, 4] as const;

  const drivers = seatsOf(
    members.filter((m) => m.instance.serviceId === "pd"),
    nodes,
    placementDriverCount,
  );
  const leaderTerm = Math.floor(atMs / pdLeaderTermMs);
  const pdLeader =
    drivers.length === 0 ? -1 : hashCombine(keyFor(seed, "pd-leader", cluster.id), leaderTerm) % drivers.length;
  const placementDrivers = drivers.map((seat, i) => ({
    name: seat.name,
    clientUrl: `http://${seat.host}:2379`,
    up: true,
    isLeader: i === pdLeader,
  }));

  const seats = seatsOf(
    members.filter((m) => m.instance.serviceId === "kv-store"),
    nodes,
  );
  const ageDays = Math.max(0, atMs - createdAtMs) / dayMs;
  const regionTotal = Math.round(baseRegions * (1 + growthPerDay * ageDays));
  const balance = (label: string) =>
    seats.map((seat) => 0.9 + 0.2 * unitFromHash(keyFor(seed, label, cluster.id, seat.name)));
  // With three stores or fewer every store holds a peer of every region.
  const regionCounts =
    seats.length <= maxReplicas
      ? seats.map(() => regionTotal)
      : splitExactly(regionTotal * maxReplicas, balance("store-regions"));
  const leaderCounts = splitExactly(regionTotal, balance("store-leaders"));

  const stores = seats.map((seat, i): TidbStore => {
    const regionCount = regionCounts[i] ?? 0;
    const usedBytes = regionCount * averageRegionBytes;
    const diskTiB = diskChoicesTiB[Math.floor(unitFromHash(keyFor(seed, "store-disk", seat.name)) * 2)] ?? 2;
    const capacityBytes = Math.max(diskTiB, Math.ceil(usedBytes / maxUsedShare / TiB)) * TiB;
    return {
      storeId: String(i + 1),
      address: `${seat.host}:20160`,
      state: storeState(context, seat),
      regionCount,
      leaderCount: leaderCounts[i] ?? 0,
      capacityBytes,
      availableBytes: Math.round(capacityBytes - usedBytes),
      labels: seat.node ? { zone: seat.node.zoneId, host: seat.node.name } : {},
      instanceId: seat.member?.instance.id ?? null,
    };
  });
  return { kind: "tidb", placementDrivers, stores };
}

/** A store whose process stalls in GC misses its heartbeats: PD marks it Disconnected. */
function storeState(context: DemoClusterContext, seat: ClusterSeat): TidbStore["state"] {
  const { member } = seat;
  if (member === null) return "Up";
  const ready = readyAt(member.instance, context.sampleAt(member.index), context.faultsOf(member.index), context.atMs);
  return ready ? "Up" : "Disconnected";
}

/** Splits a whole total by weight (largest remainder): the parts add up to the total exactly. */
export function splitExactly(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weights.length === 0 || weightSum <= 0) return weights.map(() => 0);
  const quotas = weights.map((weight) => (weight / weightSum) * total);
  const parts = quotas.map(Math.floor);
  let left = total - parts.reduce((sum, part) => sum + part, 0);
  const byRemainder = quotas.map((quota, i) => ({ i, remainder: quota - Math.floor(quota) }));
  byRemainder.sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}
