import { profileKindSchema } from "@fleetdeck/core";
import { maxProfilePageSize } from "@fleetdeck/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { auditContextOf } from "../auth/identity.ts";
import { operateProcedure, readProcedure } from "../trpc/trpc.ts";

const profileId = z.string().min(1, "name the profile").max(100);
const captureId = z.string().min(1, "name the capture").max(100);
const sampleType = z.string().min(1).max(200).optional();

/**
 * Stored profiles (captured or uploaded) and captures under way. The flame graphs and downloads
 * are binary, on plain routes beside tRPC (profile-routes.ts).
 */
export const profilesRouter = {
  list: readProcedure
    .input(
      z
        .object({
          instanceId: z.string().min(1).optional(),
          service: z.string().min(1).optional(),
          kind: profileKindSchema.optional(),
          limit: z.number().int().min(1).max(maxProfilePageSize).default(50),
          cursor: z.string().min(1).optional(),
        })
        // Every filter is optional, so no input at all means the newest page of everything.
        .prefault({}),
    )
    .query(({ ctx, input }) => ctx.profiles.list(input)),

  get: readProcedure.input(z.object({ id: profileId })).query(({ ctx, input }) => ctx.profiles.get(input.id)),

  capture: operateProcedure
    .input(
      z.object({
        instanceId: z.string().min(1, "name the instance"),
        kind: profileKindSchema,
        /** CPU profiles only (default 10); the other kinds are snapshots and ignore it. */
        seconds: z.number().int().min(1).max(120).optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.profileCaptures.start(ctx.identity, ctx.origin, input)),

  captureStatus: readProcedure
    .input(z.object({ captureId }))
    .query(({ ctx, input }) => ctx.profileCaptures.status(input.captureId)),

  cancelCapture: operateProcedure
    .input(z.object({ captureId }))
    .mutation(({ ctx, input }) => ctx.profileCaptures.cancel(ctx.identity, ctx.origin, input.captureId)),

  top: readProcedure
    .input(z.object({ id: profileId, sampleType }))
    .query(({ ctx, input }) => ctx.profiles.top(input.id, input.sampleType)),

  diffTop: readProcedure
    .input(z.object({ baseId: profileId, targetId: profileId, sampleType }))
    .query(({ ctx, input }) => ctx.profiles.diffTop(input.baseId, input.targetId, input.sampleType)),

  delete: operateProcedure.input(z.object({ id: profileId })).mutation(async ({ ctx, input }) => {
    await ctx.profiles.delete(auditContextOf(ctx.identity, ctx.origin), input.id);
    return { deleted: true as const };
  }),
} satisfies TRPCRouterRecord;
