import { Role } from "@fleetdeck/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { RequestOrigin } from "../audit/audit-writer.ts";
import { auditContextOf, type Identity } from "../auth/identity.ts";
import { adminProcedure } from "../trpc/trpc.ts";
import type { AccountAdministrator } from "./user-admin.ts";

const userId = z.string().min(1, "name the user");
const roles = z.array(Role).min(1, "give the account at least one role");
const password = z.string().min(1, "enter a password").max(1024);

function administrator(ctx: { identity: Identity; origin: RequestOrigin }): AccountAdministrator {
  return { userId: ctx.identity.userId, audit: auditContextOf(ctx.identity, ctx.origin) };
}

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
        password,
        roles,
      }),
    )
    .mutation(({ ctx, input }) => ctx.users.create(input, auditContextOf(ctx.identity, ctx.origin))),

  setRoles: adminProcedure
    .input(z.object({ userId, roles }))
    .mutation(({ ctx, input }) => ctx.users.setRoles(input.userId, input.roles, administrator(ctx))),

  setDisabled: adminProcedure
    .input(z.object({ userId, disabled: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.users.setDisabled(input.userId, input.disabled, administrator(ctx))),

  resetPassword: adminProcedure
    .input(z.object({ userId, password }))
    .mutation(({ ctx, input }) => ctx.users.resetPassword(input.userId, input.password, administrator(ctx))),
} satisfies TRPCRouterRecord;
