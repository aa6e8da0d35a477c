import { EntityId, RuntimeConfigPatch } from "@fleetdeck/core";
import { DemoFaultKind } from "@fleetdeck/sources";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { publicProcedure } from "../trpc/trpc.ts";

/** Controls of the embedded demo control plane: faults, outages and runtime config changes. */
export const demoRouter = {
  state: publicProcedure.query(({ ctx }) => ctx.demo.state()),

  injectFault: publicProcedure
    .input(
      z.object({
        kind: DemoFaultKind,
        serviceId: EntityId,
        instanceIds: z.array(EntityId).min(1).max(10_000).optional(),
        severity: z.number().positive().max(10).optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.demo.injectFault(input)),

  clearFault: publicProcedure
    .input(z.object({ faultId: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => ctx.demo.clearFault(input.faultId)),

  setOutage: publicProcedure
    .input(z.object({ message: z.string().min(1).max(500).nullable() }))
    .mutation(({ ctx, input }) => ctx.demo.setOutage(input.message)),

  setRuntimeConfig: publicProcedure
    .input(z.object({ instanceIds: z.array(EntityId).min(1).max(10_000), patch: RuntimeConfigPatch }))
    .mutation(({ ctx, input }) => ctx.demo.setRuntimeConfig(input.instanceIds, input.patch)),
} satisfies TRPCRouterRecord;
