import { EntityId } from "@fleetdeck/core";
import { z } from "zod";
import { SourceId } from "../prometheus/prometheus-source-config.ts";

/**
 * An etcd cluster watched through its own APIs: the member list, each member's status and each
 * member's /metrics, all on the members' client URLs. `id` is also the cluster's id.
 */
export const EtcdClusterSourceConfig = z.strictObject({
  id: SourceId,
  kind: z.literal("etcd"),
  /** The cluster's display name; the id when absent. */
  name: z.string().trim().min(1).max(200).optional(),
  /** etcd does not know where it runs: the region and zone to place it in. */
  region: EntityId.default("local"),
  /** `<region>-a` when absent. */
  zone: EntityId.optional(),
  /** Client URLs to ask for the member list; the members' own URLs come from that list. */
  endpoints: z
    .array(z.url({ protocol: /^https?$/, error: "must be an etcd client URL such as http://127.0.0.1:2379" }))
    .min(1, "name at least one etcd endpoint"),
  /** Per request. Short: a member that is slow to answer is as good as down for a console. */
  timeoutMs: z.number().int().min(100).max(60_000).default(2_000),
  /** How often watch() polls for a leader, term or liveness change. */
  pollIntervalMs: z.number().int().min(100).max(60_000).default(1_000),
});
export type EtcdClusterSourceConfig = z.infer<typeof EtcdClusterSourceConfig>;
export type EtcdClusterSourceConfigInput = z.input<typeof EtcdClusterSourceConfig>;
