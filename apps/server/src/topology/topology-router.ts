import { EntityId } from "@fleetdeck/core";
import { type TRPCRouterRecord, tracked } from "@trpc/server";
import { z } from "zod";
import { readProcedure } from "../trpc/trpc.ts";

export const topologyRouter = {
  /** Every region, zone, cluster, node and instance with its health, merged over all sources. */
  placement: readProcedure.query(({ ctx }) => ctx.topology.placement()),

  /**
   * The placement, pushed on every live interval and at once when a cluster source sees a change
   * (an etcd leader change, a Kubernetes watch event). Each event's id is the fleet time.
   */
  placementLive: readProcedure
    .input(z.object({ lastEventId: z.string().nullish() }).optional())
    .subscription(async function* ({ ctx, signal }) {
      for await (const snapshot of ctx.topologyFeed.placements(signal)) {
        yield tracked(String(snapshot.atMs), snapshot);
      }
    }),

  serviceGraph: readProcedure
    .input(z.object({ regionId: EntityId.nullable() }))
    .query(({ ctx, input }) => ctx.topology.serviceGraph(input.regionId)),

  clusters: readProcedure.query(({ ctx }) => ctx.topology.clusters()),

  cluster: readProcedure
    .input(z.object({ clusterId: EntityId }))
    .query(({ ctx, input }) => ctx.topology.cluster(input.clusterId)),

  /** One cluster's detail, pushed like placementLive. */
  clusterLive: readProcedure
    .input(z.object({ clusterId: EntityId, lastEventId: z.string().nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      for await (const _ of ctx.topologyFeed.ticks(signal)) {
        const detail = await ctx.topology.cluster(input.clusterId);
        yield tracked(String(detail.readAtMs), detail);
      }
    }),
} satisfies TRPCRouterRecord;
