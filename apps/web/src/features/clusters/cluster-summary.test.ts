import { describe, expect, it } from "vitest";
import { summarizeCluster } from "./cluster-summary.ts";
import type { EtcdDetail, EtcdMember, KubernetesDetail, TidbDetail } from "./cluster-types.ts";

function member(name: string, isLeader: boolean, up = true): EtcdMember {
  return {
    memberId: `id-${name}`,
    name,
    clientUrls: [],
    peerUrls: [],
    up,
    isLeader,
    raftTerm: up ? 4 : null,
    raftIndex: up ? 100 : null,
    dbSizeBytes: up ? 1024 : null,
    version: up ? "3.4.30" : null,
    hasLeader: up ? true : null,
    leaderChangesSeen: up ? 2 : null,
    error: up ? null : "connection refused",
    instanceId: null,
  };
}

const kubernetes = (podsReady: boolean[]): KubernetesDetail => ({
  kind: "kubernetes",
  nodes: [
    {
      name: "n1",
      ready: true,
      regionId: null,
      zoneId: null,
      roles: [],
      kubeletVersion: null,
      cpuCores: null,
      memoryBytes: null,
      unschedulable: false,
    },
  ],
  workloads: [],
  pods: podsReady.map((ready, i) => ({
    namespace: "ns",
    name: `p${i}`,
    nodeName: "n1",
    phase: "Running" as const,
    ready,
    restarts: 0,
    workload: null,
    instanceId: null,
    startedAtMs: null,
  })),
});

describe("cluster summaries", () => {
  it("Kubernetes: nodes and pods, with the pods not ready as the problem", () => {
    expect(summarizeCluster(kubernetes([true, true]))).toEqual({
      text: "1 node · 2 pods",
      problem: null,
      tone: "good",
    });
    expect(summarizeCluster(kubernetes([true, false, false]))).toEqual({
      text: "1 node · 3 pods",
      problem: "2 pods not ready",
      tone: "bad",
    });
  });

  it("etcd: members up and the leader; a down member or no leader is the problem", () => {
    const healthy: EtcdDetail = {
      kind: "etcd",
      clusterIdHex: null,
      leaderMemberId: "id-b",
      raftTerm: 4,
      members: [member("a", false), member("b", true), member("c", false)],
    };
    expect(summarizeCluster(healthy)).toEqual({ text: "3/3 members up · leader b", problem: null, tone: "good" });
    const leaderless = { ...healthy, members: [member("a", false), member("b", false, false)] };
    expect(summarizeCluster(leaderless)).toEqual({
      text: "1/2 members up · no leader",
      problem: "no leader, 1 member down",
      tone: "bad",
    });
  });

  it("TiDB: stores and regions (the leader counts' sum); a store not Up is the problem", () => {
    const store = (storeId: string, state: "Up" | "Down", leaderCount: number | null) => ({
      storeId,
      address: `${storeId}:20160`,
      state,
      regionCount: 30,
      leaderCount,
      capacityBytes: null,
      availableBytes: null,
      labels: {},
      instanceId: null,
    });
    const detail: TidbDetail = {
      kind: "tidb",
      placementDrivers: [{ name: "pd-1", clientUrl: "http://pd-1:2379", up: true, isLeader: true }],
      stores: [store("1", "Up", 10), store("2", "Up", 12), store("3", "Down", 8)],
    };
    expect(summarizeCluster(detail)).toEqual({ text: "3 stores · 30 regions", problem: "1 store not Up", tone: "bad" });
    const unknownLeaders = { ...detail, stores: [store("1", "Up", null)] };
    expect(summarizeCluster(unknownLeaders).text).toBe("1 store · regions unknown");
  });

  it("VM clusters have nothing to summarise", () => {
    expect(summarizeCluster({ kind: "vm" })).toEqual({
      text: "no control plane to read",
      problem: null,
      tone: "neutral",
    });
  });
});
