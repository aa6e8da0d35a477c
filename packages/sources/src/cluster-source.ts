import type { ClusterDetail, ObservedInventory } from "@fleetdeck/core";

/**
 * What a cluster's own control plane tells (Kubernetes API, etcd's cluster and maintenance APIs,
 * a TiDB placement driver): its places, members and their liveness, and a per-kind detail. It has
 * no GC metrics; those come from the fleet sources, and the BFF merges both by instance id.
 */
export interface ClusterSource {
  readonly id: string;
  readonly kind: "kubernetes" | "etcd";
  /**
   * The regions, zones, clusters, nodes, services and instances this source sees, with
   * `instanceUp` saying which instances answer (a member reachable, a pod running and ready).
   * Throws when nothing at all can be reached; the message names the source and why.
   */
  inventory(): Promise<ClusterInventory>;
  /** The detail of every cluster this source knows. */
  clusterDetails(): Promise<ClusterDetail[]>;
  /**
   * Calls `onChange` whenever what inventory() or clusterDetails() would answer has changed, as
   * far as the source can tell (a watch event, a leader change seen by polling). Returns a stop
   * function. Optional: sources without it are re-read on the BFF's live interval.
   */
  watch?(onChange: () => void): () => void;
  close?(): Promise<void>;
}

export interface ClusterInventory extends ObservedInventory {
  /** Instance id → whether it answers now. An instance not listed is unknown. */
  instanceUp: Record<string, boolean>;
  /** Node id → ready (Kubernetes NodeReady, an etcd member's host reachable). */
  nodeReady: Record<string, boolean>;
  /** Instance id → labels worth searching by (a pod's labels, an etcd member's name). */
  instanceLabels?: Record<string, Record<string, string>>;
}
