import { Role } from "@fleetdeck/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { auditContextOf } from "../auth/identity.ts";
import { sessionReadProcedure } from "../auth/session-procedure.ts";
import { adminProcedure } from "../trpc/trpc.ts";

const tokenId = z.string().min(1, "name the token");

/**
 * API tokens: each signed-in user manages their own (from a browser session only: a token never
 * mints or revokes tokens), and an admin reviews and revokes anyone's.
 */
export const apiTokensRouter = {
  listMine: sessionReadProcedure.query(({ ctx }) => ctx.apiTokens.list(ctx.identity.userId)),

  create: sessionReadProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "name the token").max(100),
        roles: z.array(Role).min(1, "give the token at least one role"),
        expiresInDays: z.number().int().min(1).max(3650).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.apiTokens.create({ ...input, userId: ctx.identity.userId }, auditContextOf(ctx.identity, ctx.origin)),
    ),

  revokeMine: sessionReadProcedure.input(z.object({ tokenId })).mutation(async ({ ctx, input }) => ({
    revoked: await ctx.apiTokens.revoke(input.tokenId, auditContextOf(ctx.identity, ctx.origin), {
      ownerUserId: ctx.identity.userId,
    }),
  })),

  listAll: adminProcedure.query(({ ctx }) => ctx.apiTokens.listAll()),

  revoke: adminProcedure.input(z.object({ tokenId })).mutation(async ({ ctx, input }) => ({
    revoked: await ctx.apiTokens.revoke(input.tokenId, auditContextOf(ctx.identity, ctx.origin)),
  })),
} satisfies TRPCRouterRecord;
