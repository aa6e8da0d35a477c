import { permissionsOf } from "@fleetdeck/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { publicProcedure } from "../trpc/trpc.ts";
import type { Identity } from "./identity.ts";

/** What the browser may know about who is signed in. */
function signedInUserOf(identity: Identity) {
  return {
    id: identity.userId,
    username: identity.username,
    roles: identity.roles,
    permissions: permissionsOf(identity.roles),
    mustChangePassword: identity.mustChangePassword,
  };
}

export const authRouter = {
  me: publicProcedure.query(({ ctx }) => ({ user: ctx.identity ? signedInUserOf(ctx.identity) : null })),

  login: publicProcedure
    .input(z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) }))
    .mutation(async ({ ctx, input }) => {
      const signedIn = await ctx.sessions.login({
        ...input,
        ip: ctx.origin.ip ?? "unknown",
        requestId: ctx.origin.requestId,
        userAgent: ctx.userAgent,
      });
      ctx.sessionCookie.set(signedIn.token, ctx.config.FLEETDECK_SESSION_MAX_SECONDS);
      return { user: signedInUserOf(signedIn.identity) };
    }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionCookie.token) await ctx.sessions.logout(ctx.sessionCookie.token, ctx.origin);
    ctx.sessionCookie.clear();
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
