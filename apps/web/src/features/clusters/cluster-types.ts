import type { RouterOutputs } from "../../lib/api-types.ts";

/** What the BFF answers about clusters, inferred from its router. */
export type ClustersAnswer = RouterOutputs["topology"]["clusters"];
export type ClusterAnswer = RouterOutputs["topology"]["cluster"];
export type ClusterKindDetail = ClusterAnswer["detail"];
export type KubernetesDetail = Extract<ClusterKindDetail, { kind: "kubernetes" }>;
export type EtcdDetail = Extract<ClusterKindDetail, { kind: "etcd" }>;
export type TidbDetail = Extract<ClusterKindDetail, { kind: "tidb" }>;
export type KubernetesNode = KubernetesDetail["nodes"][number];
export type KubernetesWorkload = KubernetesDetail["workloads"][number];
export type KubernetesPod = KubernetesDetail["pods"][number];
export type EtcdMember = EtcdDetail["members"][number];
export type TidbPlacementDriver = TidbDetail["placementDrivers"][number];
export type TidbStore = TidbDetail["stores"][number];
