import type { Cluster, GcSample, Instance, Node, Service } from "@fleetdeck/core";
import type { DemoFault } from "./faults.ts";

/** An instance of the cluster with its position in the fleet's inventory (what samples are keyed by). */
export interface ClusterMember {
  instance: Instance;
  index: number;
}

/** What one cluster's control plane is made from: its part of the inventory and the fleet's state at atMs. */
export interface DemoClusterContext {
  seed: number;
  cluster: Cluster;
  atMs: number;
  /** When the cluster was bootstrapped: raft terms, indexes and region counts count from here. */
  createdAtMs: number;
  nodes: readonly Node[];
  members: readonly ClusterMember[];
  services: ReadonlyMap<string, Service>;
  sampleAt: (instanceIndex: number) => GcSample;
  faultsOf: (instanceIndex: number) => readonly DemoFault[];
}

/** One member of a consensus group or one store: an instance of the cluster, or a node when it has none. */
export interface ClusterSeat {
  name: string;
  host: string;
  /** The instance in the seat; null for a node seat. */
  member: ClusterMember | null;
  node: Node | undefined;
}

/**
 * The seats of a group: the given instances, or (when the inventory has none of them) the
 * cluster's nodes, up to `maxNodeSeats`, as if each node ran one member.
 */
export function seatsOf(
  members: readonly ClusterMember[],
  nodes: readonly Node[],
  maxNodeSeats = Number.POSITIVE_INFINITY,
): ClusterSeat[] {
  if (members.length > 0) {
    const nodesById = new Map(nodes.map((node) => [node.id, node]));
    return members.map((member) => ({
      name: member.instance.id,
      host: member.instance.id,
      member,
      node: nodesById.get(member.instance.nodeId),
    }));
  }
  return nodes.slice(0, maxNodeSeats).map((node) => ({
    name: node.name,
    host: node.name,
    member: null,
    node,
  }));
}
