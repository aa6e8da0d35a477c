import type { Cluster, Instance, Node } from "@fleetdeck/core";
import type { Topology } from "./generate-topology.ts";
import type { InstanceWorkload } from "./generated-fleet.ts";
import type { Placement } from "./place-services.ts";
import { randomFor } from "./random.ts";
import { deploymentRuntime, instanceRuntime, nodeShape } from "./runtime-settings.ts";
import { instanceWorkload } from "./workload-params.ts";

export interface BuiltInstances {
  nodes: Node[];
  instances: Instance[];
  workloads: InstanceWorkload[];
}

/** Kubernetes packs several pods per node; TiDB nodes host a few stores; etcd members get a node each. */
function nodeCountFor(cluster: Cluster, placements: readonly Placement[]): number {
  const total = placements.reduce((sum, p) => sum + p.instanceCount, 0);
  const largest = placements.reduce((max, p) => Math.max(max, p.instanceCount), 0);
  if (cluster.kind === "kubernetes") return Math.max(3, Math.ceil(total / 8));
  if (cluster.kind === "tidb") return Math.max(3, Math.ceil(total / 3));
  if (cluster.kind === "etcd") return Math.max(3, largest);
  return total;
}

/** Creates the nodes of every cluster, then the instances of each placement spread over them. */
export function buildInstances(
  seed: number,
  placements: readonly Placement[],
  topology: Topology,
  misconfiguredGomaxprocs: ReadonlySet<Placement>,
): BuiltInstances {
  const nodes: Node[] = [];
  const nodesByCluster = new Map<string, Node[]>();
  for (const cluster of topology.clusters) {
    if (cluster.kind === "vm") continue; // VMs are created with their instance below.
    const here = placements.filter((p) => p.cluster.id === cluster.id);
    if (here.length === 0) continue;
    const clusterNodes = Array.from({ length: nodeCountFor(cluster, here) }, (_, i) =>
      makeNode(seed, cluster, topology, i, 0),
    );
    nodes.push(...clusterNodes);
    nodesByCluster.set(cluster.id, clusterNodes);
  }

  const instances: Instance[] = [];
  const workloads: InstanceWorkload[] = [];
  const vmCounts = new Map<string, number>();
  for (const placement of placements) {
    const { cluster, template } = placement;
    const deployment = deploymentRuntime(seed, placement);
    const offset = randomFor(seed, "node-offset", template.id, cluster.id).int(0, 1000);
    const region = topology.regions[placement.regionIndex];
    for (let j = 0; j < placement.instanceCount; j++) {
      let node: Node;
      if (cluster.kind === "vm") {
        const vmIndex = vmCounts.get(cluster.id) ?? 0;
        vmCounts.set(cluster.id, vmIndex + 1);
        node = makeNode(seed, cluster, topology, vmIndex, template.cpuLimitCores);
        nodes.push(node);
      } else {
        const clusterNodes = nodesByCluster.get(cluster.id) ?? [];
        // Consensus members must sit on distinct nodes; stateless pods spread from a random start.
        const slot = cluster.kind === "etcd" ? j : offset + j;
        node = clusterNodes[slot % clusterNodes.length] as Node;
      }
      const runtime = instanceRuntime(deployment, node, misconfiguredGomaxprocs.has(placement));
      const id = `${template.id}-${cluster.id}-${j + 1}`;
      const instance: Instance = {
        id,
        serviceId: template.id,
        clusterId: cluster.id,
        regionId: cluster.regionId,
        zoneId: node.zoneId,
        nodeId: node.id,
        pprofUrl: `demo://${id}/debug/pprof`,
        metricsUrl: `demo://${id}/metrics`,
        ...runtime,
      };
      instances.push(instance);
      workloads.push(instanceWorkload(seed, placement, instance, region?.utcOffsetHours ?? 0, node.cpuCores));
    }
  }
  return { nodes, instances, workloads };
}

function makeNode(seed: number, cluster: Cluster, topology: Topology, index: number, serviceCpuCores: number): Node {
  const zones = topology.zonesByRegion.get(cluster.regionId) ?? [];
  const zone = zones[index % zones.length];
  if (!zone) throw new Error(`region ${cluster.regionId} has no zones`);
  const random = randomFor(seed, "node", cluster.id, String(index));
  const id = `${cluster.id}-node-${String(index + 1).padStart(3, "0")}`;
  return {
    id,
    name: id,
    clusterId: cluster.id,
    zoneId: zone.id,
    ...nodeShape(cluster.kind, serviceCpuCores, random.pick),
  };
}
