import { z } from "zod";
import { parseQuantity } from "./quantity.ts";

/**
 * The few fields Fleetdeck reads of each Kubernetes object, kept as compact records. LIST answers
 * arrive through @kubernetes/client-node's typed models (timestamps as Date), WATCH events as
 * plain JSON (timestamps as RFC 3339 text): both parse to the same record.
 */
const Timestamp = z
  .union([z.date(), z.string()])
  .transform((value) => (typeof value === "string" ? Date.parse(value) : value.getTime()))
  .transform((ms) => (Number.isFinite(ms) ? ms : null));

const Labels = z
  .record(z.string(), z.string())
  .nullish()
  .transform((labels) => labels ?? {});

const OwnerReference = z.object({ kind: z.string(), name: z.string(), controller: z.boolean().nullish() });
export type OwnerReference = { kind: string; name: string };

const Metadata = z.object({
  name: z.string().min(1),
  namespace: z.string().nullish(),
  labels: Labels,
  ownerReferences: z.array(OwnerReference).nullish(),
});

const Condition = z.object({ type: z.string(), status: z.string() });
const Conditions = z
  .array(Condition)
  .nullish()
  .transform((conditions) => conditions ?? []);

const isTrue = (conditions: readonly { type: string; status: string }[], type: string) =>
  conditions.some((condition) => condition.type === type && condition.status === "True");

/** The controlling owner (the one a controller manages the object through), else the first one. */
function ownerOf(metadata: z.infer<typeof Metadata>): OwnerReference | null {
  const owners = metadata.ownerReferences ?? [];
  const owner = owners.find((reference) => reference.controller) ?? owners[0];
  return owner ? { kind: owner.kind, name: owner.name } : null;
}

export const KubeNode = z
  .object({
    metadata: Metadata,
    spec: z.object({ unschedulable: z.boolean().nullish() }).nullish(),
    status: z
      .object({
        capacity: z.record(z.string(), z.string()).nullish(),
        conditions: Conditions,
        nodeInfo: z.object({ kubeletVersion: z.string().nullish() }).nullish(),
      })
      .nullish(),
  })
  .transform(({ metadata, spec, status }) => {
    const capacity = (resource: string) => {
      const text = status?.capacity?.[resource];
      const value = text === undefined ? null : parseQuantity(text);
      return value !== null && value > 0 ? value : null;
    };
    return {
      name: metadata.name,
      labels: metadata.labels,
      ready: isTrue(status?.conditions ?? [], "Ready"),
      unschedulable: spec?.unschedulable ?? false,
      kubeletVersion: status?.nodeInfo?.kubeletVersion ?? null,
      cpuCores: capacity("cpu"),
      memoryBytes: capacity("memory"),
    };
  });
export type KubeNode = z.infer<typeof KubeNode>;

const podPhases = ["Pending", "Running", "Succeeded", "Failed", "Unknown"] as const;
export type PodPhase = (typeof podPhases)[number];

const Container = z.object({
  resources: z.object({ limits: z.record(z.string(), z.string()).nullish() }).nullish(),
});

/** The pod's limit of a resource: the sum over its containers, null (unlimited) when one has none. */
function podLimit(containers: readonly z.infer<typeof Container>[], resource: string): number | null {
  let total = 0;
  for (const container of containers) {
    const text = container.resources?.limits?.[resource];
    const value = text === undefined ? null : parseQuantity(text);
    if (value === null || value <= 0) return null;
    total += value;
  }
  return containers.length > 0 ? total : null;
}

export const KubePod = z
  .object({
    metadata: Metadata.extend({ namespace: z.string().min(1) }),
    spec: z
      .object({
        nodeName: z.string().nullish(),
        containers: z
          .array(Container)
          .nullish()
          .transform((containers) => containers ?? []),
      })
      .nullish(),
    status: z
      .object({
        phase: z.string().nullish(),
        conditions: Conditions,
        containerStatuses: z.array(z.object({ restartCount: z.number().int().nonnegative() })).nullish(),
        startTime: Timestamp.nullish(),
      })
      .nullish(),
  })
  .transform(({ metadata, spec, status }) => {
    const phase = podPhases.find((known) => known === status?.phase) ?? "Unknown";
    return {
      namespace: metadata.namespace,
      name: metadata.name,
      labels: metadata.labels,
      owner: ownerOf(metadata),
      nodeName: spec?.nodeName || null,
      phase: phase as PodPhase,
      ready: isTrue(status?.conditions ?? [], "Ready"),
      restarts: (status?.containerStatuses ?? []).reduce((sum, container) => sum + container.restartCount, 0),
      startedAtMs: status?.startTime ?? null,
      cpuLimitCores: podLimit(spec?.containers ?? [], "cpu"),
      memoryLimitBytes: podLimit(spec?.containers ?? [], "memory"),
    };
  });
export type KubePod = z.infer<typeof KubePod>;

const replicaCount = z
  .number()
  .int()
  .nonnegative()
  .nullish()
  .transform((count) => count ?? 0);

/** A Deployment, StatefulSet or ReplicaSet: spec.replicas defaults to 1 when unset, as the API does. */
export const KubeReplicatedWorkload = z
  .object({
    metadata: Metadata.extend({ namespace: z.string().min(1) }),
    spec: z.object({ replicas: z.number().int().nonnegative().nullish() }).nullish(),
    status: z.object({ readyReplicas: replicaCount }).nullish(),
  })
  .transform(({ metadata, spec, status }) => ({
    namespace: metadata.namespace,
    name: metadata.name,
    owner: ownerOf(metadata),
    desiredReplicas: spec?.replicas ?? 1,
    readyReplicas: status?.readyReplicas ?? 0,
  }));
export type KubeWorkload = z.infer<typeof KubeReplicatedWorkload>;

/** A DaemonSet wants one pod per eligible node: its status says how many. */
export const KubeDaemonSet = z
  .object({
    metadata: Metadata.extend({ namespace: z.string().min(1) }),
    status: z.object({ desiredNumberScheduled: replicaCount, numberReady: replicaCount }).nullish(),
  })
  .transform(
    ({ metadata, status }): KubeWorkload => ({
      namespace: metadata.namespace,
      name: metadata.name,
      owner: ownerOf(metadata),
      desiredReplicas: status?.desiredNumberScheduled ?? 0,
      readyReplicas: status?.numberReady ?? 0,
    }),
  );

/** Everything one context's watches hold, as the inventory and detail builders read it. */
export interface ClusterObjects {
  nodes: KubeNode[];
  pods: KubePod[];
  deployments: KubeWorkload[];
  statefulSets: KubeWorkload[];
  daemonSets: KubeWorkload[];
  replicaSets: KubeWorkload[];
}
