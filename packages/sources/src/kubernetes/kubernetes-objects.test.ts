import { describe, expect, it } from "vitest";
import { KubeDaemonSet, KubeNode, KubePod, KubeReplicatedWorkload } from "./kubernetes-objects.ts";
import { daemonSetJson, deploymentJson, nodeJson, podJson, replicaSetJson } from "./testing/kubernetes-fixtures.ts";

describe("Kubernetes object records", () => {
  it("read a node's readiness, schedulability, kubelet version and capacity", () => {
    expect(
      KubeNode.parse(nodeJson({ name: "worker-b", cpu: "3800m", memory: "16318384Ki", unschedulable: true })),
    ).toMatchObject({
      name: "worker-b",
      ready: true,
      unschedulable: true,
      kubeletVersion: "v1.30.4",
      cpuCores: 3.8,
      memoryBytes: 16_318_384 * 1024,
    });
    expect(KubeNode.parse(nodeJson({ name: "worker-c", ready: false })).ready).toBe(false);
  });

  it("read a pod's phase, readiness, restarts over all containers, controlling owner and limits", () => {
    const pod = KubePod.parse(
      podJson({
        namespace: "shop",
        name: "checkout-7d9f8b6c5-x2x7q",
        owner: { kind: "ReplicaSet", name: "checkout-7d9f8b6c5" },
        restarts: [2, 5],
        limits: { cpu: "500m", memory: "256Mi" },
      }),
    );
    expect(pod).toMatchObject({
      namespace: "shop",
      phase: "Running",
      ready: true,
      restarts: 7,
      owner: { kind: "ReplicaSet", name: "checkout-7d9f8b6c5" },
      nodeName: "worker-a",
      cpuLimitCores: 1,
      memoryLimitBytes: 512 * 1024 ** 2,
      startedAtMs: Date.parse("2026-03-09T08:30:12Z"),
    });
  });

  it("count a pod with a container without a limit as unlimited", () => {
    expect(KubePod.parse(podJson({ namespace: "shop", name: "p", limits: null }))).toMatchObject({
      cpuLimitCores: null,
      memoryLimitBytes: null,
    });
  });

  it("read a timestamp the same whether client-node's models made it a Date or the watch left it text", () => {
    const json = podJson({ namespace: "shop", name: "p", startTime: "2026-03-09T08:30:12Z" });
    const typed = structuredClone(json);
    (typed.status as { startTime: unknown }).startTime = new Date("2026-03-09T08:30:12Z");
    expect(KubePod.parse(typed).startedAtMs).toBe(KubePod.parse(json).startedAtMs);
  });

  it("read an unscheduled pod and a phase it does not know", () => {
    const pending = KubePod.parse(podJson({ namespace: "shop", name: "p", nodeName: null }));
    expect(pending).toMatchObject({ phase: "Pending", ready: false, nodeName: null, restarts: 0, startedAtMs: null });
    const odd = podJson({ namespace: "shop", name: "q" });
    (odd.status as { phase: string }).phase = "Evicted";
    expect(KubePod.parse(odd).phase).toBe("Unknown");
  });

  it("read desired and ready replicas of each workload kind", () => {
    expect(
      KubeReplicatedWorkload.parse(deploymentJson({ namespace: "shop", name: "d", replicas: 3, ready: 0 })),
    ).toEqual({
      namespace: "shop",
      name: "d",
      owner: null,
      desiredReplicas: 3,
      readyReplicas: 0,
    });
    expect(
      KubeReplicatedWorkload.parse(
        replicaSetJson({ namespace: "shop", name: "d", deployment: "d", templateHash: "5c6d", replicas: 3, ready: 2 }),
      ),
    ).toMatchObject({ name: "d-5c6d", owner: { kind: "Deployment", name: "d" }, readyReplicas: 2 });
    expect(KubeDaemonSet.parse(daemonSetJson({ namespace: "m", name: "x", replicas: 5, ready: 4 }))).toMatchObject({
      desiredReplicas: 5,
      readyReplicas: 4,
    });
  });
});
