import { permissionsOf } from "@fleetdeck/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { publicProcedure } from "../trpc/trpc.ts";
import type { Identity } from "./identity.ts";
import { sessionReadProcedure } from "./session-procedure.ts";

/** What the browser may know about who is signed in. */
function signedInUserOf(identity: Identity) {
  return {
    id: identity.userId,
    username: identity.username,
    roles: identity.roles,
    permissions: permissionsOf(identity.roles),
    mustChangePassword: identity.mustChangePassword,
    hasPassword: identity.hasPassword ?? false,
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

  changePassword: sessionReadProcedure
    .meta({ access: "read", allowedWhilePasswordChangePending: true })
    .input(
      z.object({
        currentPassword: z.string().min(1, "enter your current password").max(1024),
        newPassword: z.string().min(1, "enter a new password").max(1024),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const identity = await ctx.passwordChange.change({
        ...input,
        userId: ctx.identity.userId,
        sessionId: ctx.identity.sessionId,
        origin: ctx.origin,
      });
      return { user: signedInUserOf(identity) };
    }),

  /**
   * Ends the session. For one opened with single sign-on, also says where to send the browser to
   * sign out at the provider (`endSessionUrl`), which brings it back to the sign-in page.
   */
  logout: publicProcedure.mutation(async ({ ctx }) => {
    const token = ctx.sessionCookie.token;
    let endSessionUrl: string | null = null;
    if (token) {
      endSessionUrl = (await ctx.oidc?.endSessionUrl(token)) ?? null;
      await ctx.sessions.logout(token, ctx.origin);
    }
    ctx.sessionCookie.clear();
    return { ok: true as const, endSessionUrl };
  }),

  /** How the sign-in page offers to sign in: always with a password, and with single sign-on when configured. */
  methods: publicProcedure.query(({ ctx }) => ({
    password: true as const,
    oidc: ctx.oidc ? { label: ctx.oidc.settings.label } : null,
  })),
} satisfies TRPCRouterRecord;
