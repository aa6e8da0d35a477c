import type { Cluster, ClusterDetail, GcSample } from "@fleetdeck/core";
import type { ClusterMember, DemoClusterContext } from "./demo-cluster-context.ts";
import { demoEtcdDetail } from "./demo-cluster-etcd.ts";
import { demoKubernetesDetail } from "./demo-cluster-kubernetes.ts";
import { demoTidbDetail } from "./demo-cluster-tidb.ts";
import type { DemoFault } from "./faults.ts";
import type { GeneratedDemoFleet } from "./generated-fleet.ts";
import { keyFor, unitFromHash } from "./random.ts";

/** The demo clusters were bootstrapped during 2023, each on its own day. */
const firstClusterCreatedAtMs = Date.UTC(2023, 0, 1);
const yearMs = 365 * 24 * 3_600_000;

/**
 * Each demo cluster as its own control plane would describe it at atMs: Kubernetes nodes,
 * workloads and pods; etcd members with a leader; TiDB placement drivers and stores. A pure
 * function of the fleet, the instant, the instances' samples at that instant and their faults.
 */
export function demoClusterDetails(
  fleet: GeneratedDemoFleet,
  atMs: number,
  sampleAt: (instanceIndex: number) => GcSample,
  faultsOf: (instanceIndex: number) => readonly DemoFault[],
  /** Only this cluster, when a page asks for one: each detail samples all its instances. */
  onlyClusterId?: string,
): ClusterDetail[] {
  const { inventory, seed } = fleet;
  const nodesByCluster = groupBy(inventory.nodes, (node) => node.clusterId);
  const membersByCluster = groupBy(
    inventory.instances.map((instance, index): ClusterMember => ({ instance, index })),
    (member) => member.instance.clusterId,
  );
  const services = new Map(inventory.services.map((service) => [service.id, service]));
  const clusters =
    onlyClusterId === undefined ? inventory.clusters : inventory.clusters.filter((c) => c.id === onlyClusterId);
  return clusters.map((cluster) => {
    const context: DemoClusterContext = {
      seed,
      cluster,
      atMs,
      createdAtMs: firstClusterCreatedAtMs + unitFromHash(keyFor(seed, "cluster-created", cluster.id)) * yearMs,
      nodes: nodesByCluster.get(cluster.id) ?? [],
      members: membersByCluster.get(cluster.id) ?? [],
      services,
      sampleAt,
      faultsOf,
    };
    return {
      clusterId: cluster.id,
      name: cluster.name,
      regionId: cluster.regionId,
      sourceId: "demo",
      readAtMs: atMs,
      detail: detailOf(cluster, context),
    };
  });
}

function detailOf(cluster: Cluster, context: DemoClusterContext): ClusterDetail["detail"] {
  switch (cluster.kind) {
    case "kubernetes":
      return demoKubernetesDetail(context);
    case "etcd":
      return demoEtcdDetail(context);
    case "tidb":
      return demoTidbDetail(context);
    case "vm":
      return { kind: "vm" };
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
