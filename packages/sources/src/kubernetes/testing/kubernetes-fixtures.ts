import {
  type ClusterObjects,
  KubeDaemonSet,
  KubeNode,
  KubePod,
  KubeReplicatedWorkload,
} from "../kubernetes-objects.ts";
import type { KubeJson, ReplayResource } from "./replay-api-server.ts";

/**
 * Objects shaped like what a real cluster's API returns (written from the API reference and
 * `kubectl get -o json` of a cloud cluster): the fields Fleetdeck reads among the many it does
 * not, so that parsing meets the real thing's noise. resourceVersion and uid are the server's.
 */

const created = "2026-03-02T09:14:07Z";

export interface NodeFixture {
  name: string;
  region?: string;
  zone?: string;
  ready?: boolean;
  roles?: string[];
  cpu?: string;
  memory?: string;
  kubeletVersion?: string;
  unschedulable?: boolean;
  internalIp?: string;
}

export function nodeJson(fixture: NodeFixture): KubeJson {
  const ready = fixture.ready ?? true;
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": fixture.name,
    "kubernetes.io/os": "linux",
    "node.kubernetes.io/instance-type": "m6i.xlarge",
  };
  if (fixture.region) labels["topology.kubernetes.io/region"] = fixture.region;
  if (fixture.zone) labels["topology.kubernetes.io/zone"] = fixture.zone;
  for (const role of fixture.roles ?? []) labels[`node-role.kubernetes.io/${role}`] = "";
  const heartbeat = "2026-03-09T11:02:41Z";
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: created,
    reason,
    message,
  });
  return {
    metadata: {
      name: fixture.name,
      creationTimestamp: created,
      labels,
      annotations: {
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: {
      podCIDR: "10.244.1.0/24",
      podCIDRs: ["10.244.1.0/24"],
      providerID: `aws:///${fixture.zone ?? "eu-west-1a"}/i-0${fixture.name.length}f3c9a1b2d4e6f8`,
      ...(fixture.unschedulable
        ? {
            unschedulable: true,
            taints: [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule", timeAdded: heartbeat }],
          }
        : {}),
    },
    status: {
      capacity: {
        cpu: fixture.cpu ?? "4",
        "ephemeral-storage": "83873772Ki",
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
        memory: fixture.memory ?? "16318384Ki",
        pods: "110",
      },
      allocatable: {
        cpu: "3920m",
        "ephemeral-storage": "76224326324",
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
        memory: "15301552Ki",
        pods: "110",
      },
      conditions: [
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ready
          ? condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")
          : condition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."),
      ],
      addresses: [
        { type: "InternalIP", address: fixture.internalIp ?? "10.0.1.23" },
        { type: "Hostname", address: fixture.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: "ec2b8d3a1f7e4c0c9a5d6b2e8f1a3c4d",
        systemUUID: "ec2b8d3a-1f7e-4c0c-9a5d-6b2e8f1a3c4d",
        bootID: "5b0e4a9c-2d7f-4b1e-8c3a-9f6d2e1b7a4c",
        kernelVersion: "6.1.0-21-cloud-amd64",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        containerRuntimeVersion: "containerd://1.7.20",
        kubeletVersion: fixture.kubeletVersion ?? "v1.30.4",
        kubeProxyVersion: fixture.kubeletVersion ?? "v1.30.4",
        operatingSystem: "linux",
        architecture: "amd64",
      },
    },
  };
}

export interface OwnerFixture {
  kind: "ReplicaSet" | "StatefulSet" | "DaemonSet" | "Job" | "Deployment";
  name: string;
}

const ownerReference = (owner: OwnerFixture) => ({
  apiVersion: owner.kind === "Job" ? "batch/v1" : "apps/v1",
  kind: owner.kind,
  name: owner.name,
  uid: `0b7c3f1e-${owner.name.length.toString(16).padStart(4, "0")}-4a2d-9e8b-5c6d7e8f9a0b`,
  controller: true,
  blockOwnerDeletion: true,
});

export interface PodFixture {
  namespace: string;
  name: string;
  nodeName?: string | null;
  labels?: Record<string, string>;
  owner?: OwnerFixture | null;
  phase?: "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";
  ready?: boolean;
  /** Restart count per container. */
  restarts?: number[];
  startTime?: string;
  limits?: { cpu?: string; memory?: string } | null;
  podIp?: string;
}

export function podJson(fixture: PodFixture): KubeJson {
  const phase = fixture.phase ?? "Running";
  const ready = fixture.ready ?? phase === "Running";
  const restarts = fixture.restarts ?? [0];
  const nodeName = fixture.nodeName === undefined ? "worker-a" : fixture.nodeName;
  const startTime = fixture.startTime ?? "2026-03-09T08:30:12Z";
  const scheduled = nodeName !== null;
  const containers = restarts.map((_, index) => ({
    name: index === 0 ? "app" : `sidecar-${index}`,
    image: `registry.example.com/${fixture.namespace}/${fixture.name.split("-")[0]}:1.42.0`,
    ports: index === 0 ? [{ name: "http", containerPort: 8080, protocol: "TCP" }] : [],
    resources:
      fixture.limits === null
        ? { requests: { cpu: "100m", memory: "128Mi" } }
        : {
            limits: { cpu: fixture.limits?.cpu ?? "1", memory: fixture.limits?.memory ?? "512Mi" },
            requests: { cpu: "250m", memory: "256Mi" },
          },
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
    imagePullPolicy: "IfNotPresent",
  }));
  const condition = (type: string, status: boolean) => ({
    type,
    status: status ? "True" : "False",
    lastProbeTime: null,
    lastTransitionTime: startTime,
  });
  return {
    metadata: {
      name: fixture.name,
      namespace: fixture.namespace,
      ...(fixture.owner?.kind === "ReplicaSet" ? { generateName: `${fixture.owner.name}-` } : {}),
      creationTimestamp: startTime,
      labels: fixture.labels ?? {},
      ...(fixture.owner ? { ownerReferences: [ownerReference(fixture.owner)] } : {}),
    },
    spec: {
      volumes: [
        {
          name: "kube-api-access-7xk2p",
          projected: {
            sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: "token" } }],
            defaultMode: 420,
          },
        },
      ],
      containers,
      restartPolicy: fixture.owner?.kind === "Job" ? "Never" : "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      serviceAccountName: "default",
      serviceAccount: "default",
      ...(scheduled ? { nodeName } : {}),
      securityContext: {},
      schedulerName: "default-scheduler",
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: "PreemptLowerPriority",
    },
    status: scheduled
      ? {
          phase,
          conditions: [
            condition("PodReadyToStartContainers", phase === "Running"),
            condition("Initialized", true),
            condition("Ready", ready),
            condition("ContainersReady", ready),
            condition("PodScheduled", true),
          ],
          hostIP: "10.0.1.23",
          hostIPs: [{ ip: "10.0.1.23" }],
          podIP: fixture.podIp ?? "10.244.1.17",
          podIPs: [{ ip: fixture.podIp ?? "10.244.1.17" }],
          startTime,
          containerStatuses: containers.map((container, index) => ({
            name: container.name,
            state:
              phase === "Succeeded"
                ? {
                    terminated: {
                      exitCode: 0,
                      reason: "Completed",
                      startedAt: startTime,
                      finishedAt: startTime,
                      containerID: `containerd://${index}f3a`,
                    },
                  }
                : { running: { startedAt: startTime } },
            lastState:
              (restarts[index] ?? 0) > 0
                ? {
                    terminated: {
                      exitCode: 2,
                      reason: "Error",
                      startedAt: startTime,
                      finishedAt: startTime,
                      containerID: `containerd://${index}e2b`,
                    },
                  }
                : {},
            ready: ready,
            restartCount: restarts[index] ?? 0,
            image: container.image,
            imageID: `${container.image.split(":")[0]}@sha256:9f2b6a0d3c4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8`,
            containerID: `containerd://${index}c1d`,
            started: phase === "Running",
          })),
          qosClass: "Burstable",
        }
      : {
          phase: "Pending",
          conditions: [
            {
              type: "PodScheduled",
              status: "False",
              lastProbeTime: null,
              lastTransitionTime: startTime,
              reason: "Unschedulable",
              message:
                "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
            },
          ],
          qosClass: "Burstable",
        },
  };
}

const podTemplate = (labels: Record<string, string>) => ({
  metadata: { creationTimestamp: null, labels },
  spec: {
    containers: [{ name: "app", image: "registry.example.com/app:1.42.0", resources: {} }],
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    schedulerName: "default-scheduler",
  },
});

export interface WorkloadFixture {
  namespace: string;
  name: string;
  replicas: number;
  ready: number;
  labels?: Record<string, string>;
}

export function deploymentJson(fixture: WorkloadFixture): KubeJson {
  const labels = fixture.labels ?? { "app.kubernetes.io/name": fixture.name };
  return {
    metadata: {
      name: fixture.name,
      namespace: fixture.namespace,
      generation: 3,
      creationTimestamp: created,
      labels,
      annotations: { "deployment.kubernetes.io/revision": "3" },
    },
    spec: {
      replicas: fixture.replicas,
      selector: { matchLabels: labels },
      template: podTemplate(labels),
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 3,
      replicas: fixture.replicas,
      updatedReplicas: fixture.replicas,
      ...(fixture.ready > 0 ? { readyReplicas: fixture.ready, availableReplicas: fixture.ready } : {}),
      ...(fixture.ready < fixture.replicas ? { unavailableReplicas: fixture.replicas - fixture.ready } : {}),
      conditions: [
        {
          type: "Available",
          status: fixture.ready >= fixture.replicas ? "True" : "False",
          lastUpdateTime: created,
          lastTransitionTime: created,
          reason: fixture.ready >= fixture.replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
          message: "Deployment has minimum availability.",
        },
        {
          type: "Progressing",
          status: "True",
          lastUpdateTime: created,
          lastTransitionTime: created,
          reason: "NewReplicaSetAvailable",
          message: `ReplicaSet "${fixture.name}" has successfully progressed.`,
        },
      ],
    },
  };
}

export function replicaSetJson(
  fixture: WorkloadFixture & { deployment: string | null; templateHash: string },
): KubeJson {
  const labels = { ...(fixture.labels ?? {}), "pod-template-hash": fixture.templateHash };
  return {
    metadata: {
      name: fixture.deployment ? `${fixture.deployment}-${fixture.templateHash}` : fixture.name,
      namespace: fixture.namespace,
      generation: 1,
      creationTimestamp: created,
      labels,
      annotations: {
        "deployment.kubernetes.io/desired-replicas": String(fixture.replicas),
        "deployment.kubernetes.io/max-replicas": String(fixture.replicas + 1),
        "deployment.kubernetes.io/revision": "3",
      },
      ...(fixture.deployment
        ? { ownerReferences: [ownerReference({ kind: "Deployment", name: fixture.deployment })] }
        : {}),
    },
    spec: { replicas: fixture.replicas, selector: { matchLabels: labels }, template: podTemplate(labels) },
    status: {
      replicas: fixture.replicas,
      fullyLabeledReplicas: fixture.replicas,
      ...(fixture.ready > 0 ? { readyReplicas: fixture.ready, availableReplicas: fixture.ready } : {}),
      observedGeneration: 1,
    },
  };
}

export function statefulSetJson(fixture: WorkloadFixture): KubeJson {
  const labels = fixture.labels ?? { app: fixture.name };
  return {
    metadata: { name: fixture.name, namespace: fixture.namespace, generation: 2, creationTimestamp: created, labels },
    spec: {
      replicas: fixture.replicas,
      selector: { matchLabels: labels },
      template: podTemplate(labels),
      serviceName: fixture.name,
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
    },
    status: {
      observedGeneration: 2,
      replicas: fixture.replicas,
      ...(fixture.ready > 0 ? { readyReplicas: fixture.ready, availableReplicas: fixture.ready } : {}),
      currentReplicas: fixture.replicas,
      updatedReplicas: fixture.replicas,
      currentRevision: `${fixture.name}-6c9d7f8b5`,
      updateRevision: `${fixture.name}-6c9d7f8b5`,
      collisionCount: 0,
    },
  };
}

export function daemonSetJson(fixture: WorkloadFixture): KubeJson {
  const labels = fixture.labels ?? { "app.kubernetes.io/name": fixture.name };
  return {
    metadata: {
      name: fixture.name,
      namespace: fixture.namespace,
      generation: 1,
      creationTimestamp: created,
      labels,
      annotations: { "deprecated.daemonset.template.generation": "1" },
    },
    spec: {
      selector: { matchLabels: labels },
      template: podTemplate(labels),
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: {
      currentNumberScheduled: fixture.replicas,
      numberMisscheduled: 0,
      desiredNumberScheduled: fixture.replicas,
      numberReady: fixture.ready,
      observedGeneration: 1,
      updatedNumberScheduled: fixture.replicas,
      numberAvailable: fixture.ready,
      ...(fixture.ready < fixture.replicas ? { numberUnavailable: fixture.replicas - fixture.ready } : {}),
    },
  };
}

export type ClusterFixture = Record<ReplayResource, KubeJson[]>;

/**
 * A small cluster in one region: a control-plane node and two workers in two zones; a
 * Deployment "checkout" (2 pods through its ReplicaSet), a StatefulSet "ledger" labelled with
 * the older app label, a DaemonSet "node-exporter" with a pod per node, a finished migration
 * Job's pod and a bare debugging pod without labels.
 */
export function sampleCluster({ region = "eu-west-1", prefix = "" } = {}): ClusterFixture {
  const zoneA = `${region}a`;
  const zoneB = `${region}b`;
  const node = (name: string) => `${prefix}${name}`;
  const nodes = [
    nodeJson({ name: node("control-plane"), region, zone: zoneA, roles: ["control-plane"], cpu: "2", memory: "8Gi" }),
    nodeJson({ name: node("worker-a"), region, zone: zoneA, roles: ["worker"], cpu: "4", memory: "16318384Ki" }),
    nodeJson({ name: node("worker-b"), region, zone: zoneB, cpu: "3800m", memory: "16Gi" }),
  ];
  const checkoutLabels = { "app.kubernetes.io/name": "checkout", "app.kubernetes.io/part-of": "shop" };
  const hash = "7d9f8b6c5";
  const exporterLabels = { "app.kubernetes.io/name": "node-exporter" };
  return {
    nodes,
    deployments: [
      deploymentJson({ namespace: "shop", name: "checkout", replicas: 2, ready: 2, labels: checkoutLabels }),
    ],
    replicasets: [
      replicaSetJson({
        namespace: "shop",
        name: "checkout",
        deployment: "checkout",
        templateHash: hash,
        replicas: 2,
        ready: 2,
        labels: checkoutLabels,
      }),
    ],
    statefulsets: [statefulSetJson({ namespace: "shop", name: "ledger", replicas: 1, ready: 1 })],
    daemonsets: [daemonSetJson({ namespace: "monitoring", name: "node-exporter", replicas: 3, ready: 3 })],
    pods: [
      podJson({
        namespace: "shop",
        name: `checkout-${hash}-x2x7q`,
        nodeName: node("worker-a"),
        labels: { ...checkoutLabels, "pod-template-hash": hash },
        owner: { kind: "ReplicaSet", name: `checkout-${hash}` },
        restarts: [0, 1],
      }),
      podJson({
        namespace: "shop",
        name: `checkout-${hash}-m4k9z`,
        nodeName: node("worker-b"),
        labels: { ...checkoutLabels, "pod-template-hash": hash },
        owner: { kind: "ReplicaSet", name: `checkout-${hash}` },
        podIp: "10.244.2.9",
      }),
      podJson({
        namespace: "shop",
        name: "ledger-0",
        nodeName: node("worker-b"),
        labels: { app: "ledger", "apps.kubernetes.io/pod-index": "0" },
        owner: { kind: "StatefulSet", name: "ledger" },
        restarts: [3],
        limits: null,
      }),
      ...["control-plane", "worker-a", "worker-b"].map((name, index) =>
        podJson({
          namespace: "monitoring",
          name: `node-exporter-${["b8x2l", "q7wz4", "t3n6c"][index]}`,
          nodeName: node(name),
          labels: { ...exporterLabels, "controller-revision-hash": "5f8c7d9b6" },
          owner: { kind: "DaemonSet", name: "node-exporter" },
          limits: { cpu: "250m", memory: "180Mi" },
        }),
      ),
      podJson({
        namespace: "shop",
        name: "migrate-schema-28471930-k2x8d",
        nodeName: node("worker-a"),
        labels: { "batch.kubernetes.io/job-name": "migrate-schema-28471930" },
        owner: { kind: "Job", name: "migrate-schema-28471930" },
        phase: "Succeeded",
      }),
      podJson({ namespace: "default", name: "debug-shell", nodeName: node("worker-a"), labels: {} }),
    ],
  };
}

/** A fixture as the watch caches hold it, for the pure builders' tests. */
export function clusterObjectsOf(fixture: ClusterFixture): ClusterObjects {
  return {
    nodes: fixture.nodes.map((node) => KubeNode.parse(node)),
    pods: fixture.pods.map((pod) => KubePod.parse(pod)),
    deployments: fixture.deployments.map((workload) => KubeReplicatedWorkload.parse(workload)),
    statefulSets: fixture.statefulsets.map((workload) => KubeReplicatedWorkload.parse(workload)),
    daemonSets: fixture.daemonsets.map((workload) => KubeDaemonSet.parse(workload)),
    replicaSets: fixture.replicasets.map((workload) => KubeReplicatedWorkload.parse(workload)),
  };
}
