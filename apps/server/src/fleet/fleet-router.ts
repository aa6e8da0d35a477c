import { EntityId } from "@fleetdeck/core";
import { type TRPCRouterRecord, tracked } from "@trpc/server";
import { z } from "zod";
import { readProcedure } from "../trpc/trpc.ts";

export const fleetRouter = {
  overview: readProcedure
    .input(z.object({ regionId: EntityId.optional() }).optional())
    .query(({ ctx, input }) => ctx.fleet.overview(input?.regionId)),

  catalog: readProcedure.query(({ ctx }) => ctx.fleet.catalog()),

  /**
   * The overview, pushed every live interval from a feed all viewers share. Each event's id is its
   * fleet time, so a client that reconnects with lastEventId gets the current state at once.
   */
  overviewLive: readProcedure
    .input(z.object({ regionId: EntityId.optional(), lastEventId: z.string().nullish() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      for await (const answer of ctx.overviewFeed.subscribe(input?.regionId, signal)) {
        yield tracked(String(answer.overview?.atMs ?? ctx.fleet.nowMs()), answer);
      }
    }),

  service: readProcedure
    .input(z.object({ serviceId: EntityId }))
    .query(({ ctx, input }) => ctx.fleet.service(input.serviceId)),

  instance: readProcedure
    .input(z.object({ instanceId: EntityId }))
    .query(({ ctx, input }) => ctx.fleet.instance(input.instanceId)),
} satisfies TRPCRouterRecord;
