import { EntityId, HealthLens } from "@fleetdeck/core";
import { z } from "zod";

export const TopologyView = z.enum(["map", "graph", "clusters"]);
export type TopologyView = z.infer<typeof TopologyView>;

export const HealthFilter = z.enum(["all", "unhealthy", "down"]);
export type HealthFilter = z.infer<typeof HealthFilter>;

/**
 * The topology page in its URL, so an on-call engineer can paste what they see:
 * `?view=map&lens=pauseP99&service=checkout&health=unhealthy&sel=instance:checkout-eu-1-7`.
 * Bad values are dropped, never an error.
 */
export const topologySearchSchema = z.object({
  view: TopologyView.optional().catch(undefined),
  /** Placement map: what colours the instances. */
  lens: HealthLens.optional().catch(undefined),
  /** Placement map: the search box (service, instance, label). */
  q: z.string().max(200).optional().catch(undefined),
  /** Placement map filters: one service, one `key=value` label, a health class. */
  service: EntityId.optional().catch(undefined),
  label: z.string().max(200).optional().catch(undefined),
  health: HealthFilter.optional().catch(undefined),
  /** Placement map: the selected entity, `kind:id` (region, zone, cluster, node, instance). */
  sel: z.string().max(250).optional().catch(undefined),
  /** Service graph: one region's graph instead of the fleet's. */
  region: EntityId.optional().catch(undefined),
  /** Service graph: the selected service node id. */
  focus: z.string().max(250).optional().catch(undefined),
  /** Service graph: what colours the edges (error ratio by default, or p99 latency). */
  edgeColour: z.enum(["errors", "latency"]).optional().catch(undefined),
});
export type TopologySearch = z.infer<typeof topologySearchSchema>;
