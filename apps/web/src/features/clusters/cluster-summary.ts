import type { Tone } from "../../components/StatCard.tsx";
import { formatCount } from "../../lib/format.ts";
import { fullyReady } from "./attention-order.ts";
import type { ClusterKindDetail, EtcdDetail, KubernetesDetail, TidbDetail } from "./cluster-types.ts";

export const clusterKindLabels: Record<ClusterKindDetail["kind"], string> = {
  kubernetes: "Kubernetes",
  etcd: "etcd",
  tidb: "TiDB",
  vm: "VM",
};

export function kubernetesCounts(detail: KubernetesDetail) {
  return {
    nodes: detail.nodes.length,
    nodesReady: detail.nodes.filter((n) => n.ready).length,
    workloads: detail.workloads.length,
    workloadsReady: detail.workloads.filter(fullyReady).length,
    pods: detail.pods.length,
    podsReady: detail.pods.filter((p) => p.ready).length,
    restarts: detail.pods.reduce((sum, p) => sum + p.restarts, 0),
  };
}

export function etcdCounts(detail: EtcdDetail) {
  const leader = detail.members.find((m) => m.isLeader) ?? null;
  return {
    members: detail.members.length,
    membersUp: detail.members.filter((m) => m.up).length,
    leaderName: leader?.name ?? null,
  };
}

export function tidbCounts(detail: TidbDetail) {
  const { stores, placementDrivers } = detail;
  const leaders = stores.map((s) => s.leaderCount);
  // Every region has exactly one leader, so the leader counts add up to the regions when all are known.
  const regions = leaders.every((count) => count !== null)
    ? leaders.reduce<number>((sum, count) => sum + (count ?? 0), 0)
    : null;
  return {
    stores: stores.length,
    storesUp: stores.filter((s) => s.state === "Up").length,
    regions,
    placementDrivers: placementDrivers.length,
    pdLeaderName: placementDrivers.find((pd) => pd.isLeader)?.name ?? null,
  };
}

export interface ClusterSummary {
  /** "6 nodes · 48 pods", "3 members · leader etcd-2", "3 stores · 11,086 regions". */
  text: string;
  /** What needs a look, if anything: "2 pods not ready", "no leader". */
  problem: string | null;
  tone: Tone;
}

const plural = (count: number, noun: string) => `${formatCount(count)} ${noun}${count === 1 ? "" : "s"}`;

/** One line per cluster for the clusters table: its size by kind and its worst problem. */
export function summarizeCluster(detail: ClusterKindDetail): ClusterSummary {
  switch (detail.kind) {
    case "kubernetes": {
      const c = kubernetesCounts(detail);
      const problems = [
        c.nodesReady < c.nodes ? `${plural(c.nodes - c.nodesReady, "node")} not ready` : null,
        c.podsReady < c.pods ? `${plural(c.pods - c.podsReady, "pod")} not ready` : null,
      ].filter((p) => p !== null);
      return withProblems(`${plural(c.nodes, "node")} · ${plural(c.pods, "pod")}`, problems);
    }
    case "etcd": {
      const c = etcdCounts(detail);
      const leader = c.leaderName === null ? "no leader" : `leader ${c.leaderName}`;
      const problems = [
        c.members > 0 && c.leaderName === null ? "no leader" : null,
        c.membersUp < c.members ? `${plural(c.members - c.membersUp, "member")} down` : null,
      ].filter((p) => p !== null);
      return withProblems(`${c.membersUp}/${c.members} members up · ${leader}`, problems);
    }
    case "tidb": {
      const c = tidbCounts(detail);
      const problems = [
        c.placementDrivers > 0 && c.pdLeaderName === null ? "no placement driver leader" : null,
        c.storesUp < c.stores ? `${plural(c.stores - c.storesUp, "store")} not Up` : null,
      ].filter((p) => p !== null);
      const regions = c.regions === null ? "regions unknown" : plural(c.regions, "region");
      return withProblems(`${plural(c.stores, "store")} · ${regions}`, problems);
    }
    case "vm":
      return { text: "no control plane to read", problem: null, tone: "neutral" };
  }
}

function withProblems(text: string, problems: readonly string[]): ClusterSummary {
  return problems.length === 0
    ? { text, problem: null, tone: "good" }
    : { text, problem: problems.join(", "), tone: "bad" };
}
