import {
  ClusterDetail,
  type EtcdClusterDetail,
  type Inventory,
  type KubernetesClusterDetail,
  type TidbClusterDetail,
} from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { createDemoFleet, type DemoFleet } from "./demo-fleet.ts";

const seed = 42;
const hourMs = 3_600_000;
const atMs = Date.UTC(2024, 5, 3, 10);

async function detailsOf(fleet: DemoFleet, tMs = atMs) {
  const inventory = await fleet.inventory();
  const details = await fleet.clusterDetails(tMs);
  return { inventory, details };
}

function ofKind<K extends ClusterDetail["detail"]["kind"]>(details: readonly ClusterDetail[], kind: K) {
  return details.filter(
    (d): d is ClusterDetail & { detail: Extract<ClusterDetail["detail"], { kind: K }> } => d.detail.kind === kind,
  );
}

const instancesIn = (inventory: Inventory, clusterId: string) =>
  inventory.instances.filter((i) => i.clusterId === clusterId);

describe("demo cluster details", () => {
  it("are valid, one per cluster of the inventory, and the same for the same seed and instant", async () => {
    const { inventory, details } = await detailsOf(createDemoFleet({ seed }));
    expect(details.map((d) => d.clusterId)).toEqual(inventory.clusters.map((c) => c.id));
    for (const detail of details) {
      expect(() => ClusterDetail.parse(detail)).not.toThrow();
      const cluster = inventory.clusters.find((c) => c.id === detail.clusterId);
      expect(detail.detail.kind).toBe(cluster?.kind);
      expect(detail).toMatchObject({
        name: cluster?.name,
        regionId: cluster?.regionId,
        sourceId: "demo",
        readAtMs: atMs,
      });
    }
    expect(await createDemoFleet({ seed }).clusterDetails(atMs)).toEqual(details);
    expect(await createDemoFleet({ seed: seed + 1 }).clusterDetails(atMs)).not.toEqual(details);
  });

  it("Kubernetes: the cluster's nodes, one workload per service running there, one pod per instance", async () => {
    const { inventory, details } = await detailsOf(createDemoFleet({ seed }));
    const clusters = ofKind(details, "kubernetes");
    expect(clusters.length).toBeGreaterThan(0);
    for (const { clusterId, detail } of clusters) {
      const nodes = inventory.nodes.filter((n) => n.clusterId === clusterId);
      const instances = instancesIn(inventory, clusterId);
      expect(detail.nodes.map((n) => n.name)).toEqual(nodes.map((n) => n.name));
      for (const node of detail.nodes) {
        const entity = nodes.find((n) => n.name === node.name);
        expect(node).toMatchObject({ ready: true, cpuCores: entity?.cpuCores, memoryBytes: entity?.memoryBytes });
        expect(node.kubeletVersion).toMatch(/^v1\.\d+\.\d+$/);
      }
      expect(detail.pods.map((p) => p.instanceId).sort()).toEqual(instances.map((i) => i.id).sort());
      expect(new Set(detail.pods.map((p) => `${p.namespace}/${p.name}`)).size).toBe(detail.pods.length);
      for (const pod of detail.pods) {
        const instance = instances.find((i) => i.id === pod.instanceId);
        expect(pod.nodeName).toBe(nodes.find((n) => n.id === instance?.nodeId)?.name);
        expect(pod.workload).toMatch(new RegExp(`/${instance?.serviceId}$`));
      }
      const serviceIds = [...new Set(instances.map((i) => i.serviceId))];
      expect(detail.workloads.map((w) => w.name).sort()).toEqual(serviceIds.sort());
      for (const workload of detail.workloads) {
        const pods = detail.pods.filter((p) => p.workload === `${workload.kind}/${workload.name}`);
        expect(workload.desiredReplicas).toBe(pods.length);
        expect(workload.readyReplicas).toBe(pods.filter((p) => p.ready).length);
      }
    }
    // Data stores run as StatefulSets with ordinal pod names; applications as Deployments.
    const usEast = clusters.find((c) => c.clusterId === "us-east-k8s-1")?.detail as KubernetesClusterDetail;
    expect(usEast.workloads.find((w) => w.name === "kv-store")?.kind).toBe("StatefulSet");
    expect(usEast.pods.filter((p) => p.workload === "StatefulSet/kv-store").map((p) => p.name)).toContain("kv-store-0");
    expect(usEast.workloads.find((w) => w.name === "api-gateway")?.kind).toBe("Deployment");
  });

  it("etcd: its 3 or 5 instances as members, exactly one leader, the term and leader changes agreeing", async () => {
    const fleet = createDemoFleet({ seed });
    const { inventory, details } = await detailsOf(fleet);
    const [etcd] = ofKind(details, "etcd");
    if (!etcd) throw new Error("the default demo fleet has an etcd cluster");
    const { detail } = etcd;
    const instances = instancesIn(inventory, etcd.clusterId);
    expect([3, 5]).toContain(detail.members.length);
    expect(detail.members.map((m) => m.instanceId)).toEqual(instances.map((i) => i.id));
    const leaders = detail.members.filter((m) => m.isLeader);
    expect(leaders).toHaveLength(1);
    expect(detail.leaderMemberId).toBe(leaders[0]?.memberId);
    for (const member of detail.members) {
      expect(member).toMatchObject({ up: true, hasLeader: true, raftTerm: detail.raftTerm, error: null });
      expect(member.leaderChangesSeen).toBeGreaterThanOrEqual(1);
      expect(member.leaderChangesSeen).toBeLessThanOrEqual(detail.raftTerm ?? 0);
      expect(member.raftIndex).toBeLessThanOrEqual(leaders[0]?.raftIndex ?? 0);
    }

    // Over two days the term rises every few hours, leaders change, and each member sees it.
    const later = Array.from({ length: 48 }, (_, h) => atMs + h * hourMs);
    const reads = await Promise.all(later.map(async (t) => ofKind(await fleet.clusterDetails(t), "etcd")[0]?.detail));
    const terms = reads.map((r) => r?.raftTerm ?? 0);
    expect(terms.every((term, i) => i === 0 || term >= (terms[i - 1] ?? 0))).toBe(true);
    expect((terms.at(-1) ?? 0) - (terms[0] ?? 0)).toBeGreaterThanOrEqual(8);
    expect(new Set(reads.map((r) => r?.leaderMemberId)).size).toBeGreaterThan(1);
    for (const read of reads) expect(read?.members.filter((m) => m.isLeader)).toHaveLength(1);
    const firstMember = (r: EtcdClusterDetail | undefined) => r?.members[0];
    expect(firstMember(reads[1])?.dbSizeBytes).toBeGreaterThanOrEqual(firstMember(reads[0])?.dbSizeBytes ?? 0);
    expect(firstMember(reads[1])?.raftIndex).toBeGreaterThan(firstMember(reads[0])?.raftIndex ?? 0);
  });

  it("TiDB: three placement drivers with one leader; stores whose leaders and regions add up", async () => {
    for (const shape of [{ seed }, { seed, targetInstances: 2000 }]) {
      const { inventory, details } = await detailsOf(createDemoFleet(shape));
      const clusters = ofKind(details, "tidb");
      expect(clusters.length).toBeGreaterThan(0);
      for (const { clusterId, detail } of clusters) {
        expect(detail.placementDrivers).toHaveLength(3);
        expect(detail.placementDrivers.filter((pd) => pd.isLeader)).toHaveLength(1);
        const kvStores = instancesIn(inventory, clusterId).filter((i) => i.serviceId === "kv-store");
        expect(detail.stores.map((s) => s.instanceId)).toEqual(kvStores.map((i) => i.id));
        expectStoresAddUp(detail);
      }
    }
  });

  it("VM clusters have no control plane detail; an empty etcd cluster has no members and no leader", async () => {
    const { details } = await detailsOf(createDemoFleet({ seed: 7, targetInstances: 50 }));
    for (const vm of ofKind(details, "vm")) expect(vm.detail).toEqual({ kind: "vm" });
    const [etcd] = ofKind(details, "etcd");
    expect(etcd?.detail).toMatchObject({ members: [], leaderMemberId: null, raftTerm: null });
  });

  it("pod restarts grow slowly over demo time and never fall within a pod's life", async () => {
    const fleet = createDemoFleet({ seed, targetInstances: 1000 });
    const podsAt = async (t: number) =>
      ofKind(await fleet.clusterDetails(t), "kubernetes").flatMap((c) => c.detail.pods);
    const before = await podsAt(atMs);
    const after = await podsAt(atMs + 12 * hourMs);
    // A pod is the same pod while its name and start are: a StatefulSet's rollout reuses the name.
    const podKey = (p: (typeof before)[number]) => `${p.namespace}/${p.name}@${p.startedAtMs}`;
    const afterByKey = new Map(after.map((p) => [podKey(p), p]));
    let grew = 0;
    for (const pod of before) {
      const same = afterByKey.get(podKey(pod));
      if (!same) continue; // replaced by a rollout in between
      expect(same.restarts).toBeGreaterThanOrEqual(pod.restarts);
      if (same.restarts > pod.restarts) grew += 1;
    }
    expect(grew).toBeGreaterThan(0);
    // Slowly: most pods did not restart at all in those twelve hours.
    expect(grew).toBeLessThan(before.length * 0.25);
  });

  it("an injected memory-limit fault OOM-kills its pods over and over and makes them not ready", async () => {
    const healthy = createDemoFleet({ seed });
    const faulted = createDemoFleet({ seed });
    faulted.injectFault({ kind: "memory-limit-too-low", target: { serviceId: "checkout" }, startMs: atMs });
    const checkoutPods = async (fleet: DemoFleet, t: number) =>
      ofKind(await fleet.clusterDetails(t), "kubernetes")
        .flatMap((c) => c.detail.pods)
        .filter((p) => p.workload === "Deployment/checkout");
    const t = atMs + 20 * 60_000;
    const without = await checkoutPods(healthy, t);
    const withFault = await checkoutPods(faulted, t);
    expect(withFault.map((p) => p.name)).toEqual(without.map((p) => p.name));
    withFault.forEach((pod, i) => {
      expect(pod.restarts).toBeGreaterThan(without[i]?.restarts ?? 0);
      expect(pod.ready).toBe(false);
    });
    expect(without.every((p) => p.ready)).toBe(true);
    // Before the fault starts nothing differs; while it goes on, kills keep coming.
    expect(await checkoutPods(faulted, atMs - 60_000)).toEqual(await checkoutPods(healthy, atMs - 60_000));
    const sum = (pods: readonly { restarts: number }[]) => pods.reduce((total, p) => total + p.restarts, 0);
    expect(sum(await checkoutPods(faulted, t + 10 * 60_000))).toBeGreaterThan(sum(withFault));
    // Other services' pods are untouched.
    const others = async (fleet: DemoFleet) =>
      ofKind(await fleet.clusterDetails(t), "kubernetes")
        .flatMap((c) => c.detail.pods)
        .filter((p) => p.workload !== "Deployment/checkout");
    expect(await others(faulted)).toEqual(await others(healthy));
  });
});

function expectStoresAddUp(detail: TidbClusterDetail) {
  const { stores } = detail;
  if (stores.length === 0) return;
  const regionTotal = stores.reduce((sum, s) => sum + (s.leaderCount ?? 0), 0);
  const peers = stores.reduce((sum, s) => sum + (s.regionCount ?? 0), 0);
  expect(regionTotal).toBeGreaterThan(0);
  expect(peers).toBe(regionTotal * Math.min(3, stores.length));
  for (const store of stores) {
    expect(store.leaderCount).toBeLessThanOrEqual(store.regionCount ?? 0);
    expect(store.regionCount).toBeLessThanOrEqual(regionTotal);
    expect(store.availableBytes).toBeGreaterThan(0);
    expect(store.availableBytes).toBeLessThan(store.capacityBytes ?? 0);
    expect(store.state).toBe("Up");
  }
}
