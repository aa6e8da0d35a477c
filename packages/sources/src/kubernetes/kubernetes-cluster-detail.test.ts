import { ClusterDetail } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { buildKubernetesClusterDetail, nodeRolesOf } from "./kubernetes-cluster-detail.ts";
import { clusterObjectsOf, nodeJson, replicaSetJson, sampleCluster } from "./testing/kubernetes-fixtures.ts";

const placement = { regionLabel: "topology.kubernetes.io/region", zoneLabel: "topology.kubernetes.io/zone" };

function detailOf(fixture = sampleCluster()) {
  const detail = buildKubernetesClusterDetail({
    sourceId: "k8s",
    contextName: "prod-eu",
    clusterId: "prod-eu",
    readAtMs: 1_773_000_000_000,
    objects: clusterObjectsOf(fixture),
    placement,
  });
  expect(ClusterDetail.safeParse(detail).success).toBe(true);
  if (detail.detail.kind !== "kubernetes") throw new Error("not a Kubernetes detail");
  return { ...detail, kubernetes: detail.detail };
}

describe("buildKubernetesClusterDetail", () => {
  it("names the cluster after its context, in its nodes' region", () => {
    const detail = detailOf();
    expect(detail).toMatchObject({
      clusterId: "prod-eu",
      name: "prod-eu",
      regionId: "eu-west-1",
      sourceId: "k8s",
      readAtMs: 1_773_000_000_000,
    });
  });

  it("lists nodes with readiness, roles, kubelet version and capacity", () => {
    const fixture = sampleCluster();
    fixture.nodes.push(nodeJson({ name: "worker-c", ready: false, unschedulable: true, kubeletVersion: "v1.29.8" }));
    const { kubernetes } = detailOf(fixture);
    expect(kubernetes.nodes.map((node) => node.name)).toEqual(["control-plane", "worker-a", "worker-b", "worker-c"]);
    expect(kubernetes.nodes[0]).toEqual({
      name: "control-plane",
      ready: true,
      regionId: "eu-west-1",
      zoneId: "eu-west-1a",
      roles: ["control-plane"],
      kubeletVersion: "v1.30.4",
      cpuCores: 2,
      memoryBytes: 8 * 1024 ** 3,
      unschedulable: false,
    });
    expect(kubernetes.nodes[3]).toMatchObject({
      ready: false,
      unschedulable: true,
      kubeletVersion: "v1.29.8",
      regionId: null,
      zoneId: null,
      roles: [],
    });
  });

  it("lists Deployments, StatefulSets and DaemonSets with desired and ready replicas, not the ReplicaSets of Deployments", () => {
    const fixture = sampleCluster();
    fixture.replicasets.push(
      replicaSetJson({
        namespace: "shop",
        name: "legacy-rs",
        deployment: null,
        templateHash: "x",
        replicas: 2,
        ready: 1,
      }),
    );
    expect(detailOf(fixture).kubernetes.workloads).toEqual([
      { namespace: "monitoring", name: "node-exporter", kind: "DaemonSet", desiredReplicas: 3, readyReplicas: 3 },
      { namespace: "shop", name: "checkout", kind: "Deployment", desiredReplicas: 2, readyReplicas: 2 },
      { namespace: "shop", name: "ledger", kind: "StatefulSet", desiredReplicas: 1, readyReplicas: 1 },
      { namespace: "shop", name: "legacy-rs", kind: "ReplicaSet", desiredReplicas: 2, readyReplicas: 1 },
    ]);
  });

  it("lists pods with phase, readiness, restarts, their workload through owner references, and their instance id", () => {
    const { kubernetes } = detailOf();
    const pod = (name: string) => kubernetes.pods.find((candidate) => candidate.name === name);
    expect(pod("checkout-7d9f8b6c5-x2x7q")).toEqual({
      namespace: "shop",
      name: "checkout-7d9f8b6c5-x2x7q",
      nodeName: "worker-a",
      phase: "Running",
      ready: true,
      restarts: 1,
      workload: "Deployment/checkout",
      instanceId: "prod-eu.shop.checkout-7d9f8b6c5-x2x7q",
      startedAtMs: Date.parse("2026-03-09T08:30:12Z"),
    });
    expect(pod("ledger-0")).toMatchObject({ workload: "StatefulSet/ledger", restarts: 3 });
    expect(pod("node-exporter-b8x2l")).toMatchObject({
      workload: "DaemonSet/node-exporter",
      nodeName: "control-plane",
    });
    expect(pod("debug-shell")).toMatchObject({ workload: null, instanceId: "prod-eu.default.debug-shell" });
    expect(pod("migrate-schema-28471930-k2x8d")).toMatchObject({
      phase: "Succeeded",
      workload: "Job/migrate-schema-28471930",
      instanceId: null,
    });
  });
});

describe("nodeRolesOf", () => {
  it("reads node-role.kubernetes.io/<role> labels and the older kubernetes.io/role", () => {
    expect(
      nodeRolesOf({
        "node-role.kubernetes.io/control-plane": "",
        "node-role.kubernetes.io/etcd": "true",
        "kubernetes.io/role": "master",
        "kubernetes.io/hostname": "cp-1",
      }),
    ).toEqual(["control-plane", "etcd", "master"]);
    expect(nodeRolesOf({ "node-role.kubernetes.io/": "" })).toEqual([]);
  });
});
