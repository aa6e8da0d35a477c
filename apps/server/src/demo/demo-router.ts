import { EntityId, RuntimeConfigPatch } from "@fleetdeck/core";
import { DemoFaultKind } from "@fleetdeck/sources";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { auditContextOf } from "../auth/identity.ts";
import { operateProcedure, readProcedure } from "../trpc/trpc.ts";

/** Controls of the embedded demo control plane: faults, outages and runtime config changes. */
export const demoRouter = {
  state: readProcedure.query(({ ctx }) => ctx.demo.state()),

  injectFault: operateProcedure
    .input(
      z.object({
        kind: DemoFaultKind,
        serviceId: EntityId,
        instanceIds: z.array(EntityId).min(1).max(10_000).optional(),
        severity: z.number().positive().max(10).optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.demo.injectFault(input, auditContextOf(ctx.identity, ctx.origin))),

  clearFault: operateProcedure
    .input(z.object({ faultId: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => ctx.demo.clearFault(input.faultId, auditContextOf(ctx.identity, ctx.origin))),

  setOutage: operateProcedure
    .input(z.object({ message: z.string().min(1).max(500).nullable() }))
    .mutation(({ ctx, input }) => ctx.demo.setOutage(input.message, auditContextOf(ctx.identity, ctx.origin))),

  setRuntimeConfig: operateProcedure
    .input(z.object({ instanceIds: z.array(EntityId).min(1).max(10_000), patch: RuntimeConfigPatch }))
    .mutation(({ ctx, input }) =>
      ctx.demo.setRuntimeConfig(input.instanceIds, input.patch, auditContextOf(ctx.identity, ctx.origin)),
    ),
} satisfies TRPCRouterRecord;
