import type { ClusterKind, Region } from "@fleetdeck/core";

/**
 * The regions a demo fleet can span, in the order they are used. Offsets are standard time (no
 * daylight saving): they only place each region's traffic peak at its local afternoon.
 */
export const regionCatalog: readonly Region[] = [
  { id: "eu-west", name: "EU West (Dublin)", utcOffsetHours: 0 },
  { id: "us-east", name: "US East (N. Virginia)", utcOffsetHours: -5 },
  { id: "ap-southeast", name: "AP Southeast (Singapore)", utcOffsetHours: 8 },
  { id: "us-west", name: "US West (Oregon)", utcOffsetHours: -8 },
  { id: "eu-central", name: "EU Central (Frankfurt)", utcOffsetHours: 1 },
  { id: "ap-northeast", name: "AP Northeast (Tokyo)", utcOffsetHours: 9 },
  { id: "sa-east", name: "SA East (São Paulo)", utcOffsetHours: -3 },
  { id: "ap-south", name: "AP South (Mumbai)", utcOffsetHours: 5.5 },
];

/**
 * Every region's first cluster is Kubernetes (where most services run); the others rotate through
 * these kinds by region, so a default fleet of 3 regions × 2 clusters has one TiDB, one etcd and
 * one VM cluster besides its three Kubernetes clusters.
 */
export const secondaryClusterKinds: readonly ClusterKind[] = ["tidb", "etcd", "vm", "kubernetes"];

export const clusterKindShortName: Record<ClusterKind, string> = {
  kubernetes: "k8s",
  etcd: "etcd",
  tidb: "tidb",
  vm: "vm",
};
