import { Role } from "@fleetdeck/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { auditContextOf } from "../auth/identity.ts";
import { adminProcedure } from "../trpc/trpc.ts";

export const usersRouter = {
  list: adminProcedure.query(({ ctx }) => ctx.users.list()),

  create: adminProcedure
    .input(
      z.object({
        username: z
          .string()
          .min(1)
          .max(64)
          .regex(/^[A-Za-z0-9._-]+$/, "use letters, digits, '.', '_' and '-'"),
        password: z.string().min(1).max(1024),
        roles: z.array(Role).min(1),
      }),
    )
    .mutation(({ ctx, input }) => ctx.users.create(input, auditContextOf(ctx.identity, ctx.origin))),
} satisfies TRPCRouterRecord;
