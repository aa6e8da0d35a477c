import { defaultAfterLoginPath, safeRedirectPath } from "@fleetdeck/core";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { ServerServices } from "../services.ts";
import { oidcAttemptCookieOf } from "./oidc-attempt-cookie.ts";
import { OidcProviderUnavailableError } from "./oidc-discovery.ts";
import { oidcCallbackPath, oidcStartPath } from "./oidc-settings.ts";
import type { OidcRefusal } from "./oidc-sign-in.ts";
import { sessionCookieOf } from "./session-cookie.ts";

const startQuery = z.object({ redirect: z.unknown().optional() });

/** Why the sign-in page is shown again, beyond the callback's refusals. */
export type OidcLoginError = OidcRefusal | "sso-off";

/**
 * The browser's side of single sign-on, as plain redirects (not tRPC: the browser navigates here):
 * /auth/oidc/start sends it to the provider, /auth/oidc/callback takes it back, opens the session
 * and goes on to the page it asked for. Whatever goes wrong ends on the sign-in page with
 * `?error=<why>`, which the page explains; the details are in the audit log and the server's log.
 */
export function registerOidcRoutes(app: FastifyInstance, services: Pick<ServerServices, "oidc" | "config">) {
  app.get(oidcStartPath, async (request, reply) => {
    reply.header("cache-control", "no-store");
    const redirectPath = safeRedirectPath(startQuery.parse(request.query).redirect);
    const { oidc } = services;
    if (oidc === null) return sendToLoginPage(reply, "sso-off", redirectPath);
    try {
      const started = await oidc.begin(redirectPath);
      oidcAttemptCookieOf(request, reply).set(started.attemptToken);
      return reply.redirect(started.authorizationUrl.href, 302);
    } catch (error) {
      if (!(error instanceof OidcProviderUnavailableError)) throw error;
      request.log.warn({ err: error }, "single sign-on could not start");
      return sendToLoginPage(reply, "provider-unavailable", redirectPath);
    }
  });

  app.get(oidcCallbackPath, async (request, reply) => {
    reply.header("cache-control", "no-store");
    const { oidc } = services;
    if (oidc === null) return sendToLoginPage(reply, "sso-off", defaultAfterLoginPath);
    const attemptCookie = oidcAttemptCookieOf(request, reply);
    attemptCookie.clear();
    const result = await oidc.complete({
      query: new URL(request.url, "http://callback.invalid").searchParams,
      attemptToken: attemptCookie.token,
      ip: request.ip,
      requestId: String(request.id),
      userAgent: request.headers["user-agent"] ?? null,
    });
    if (!result.ok) {
      request.log.info({ refusal: result.refusal }, "single sign-on refused");
      return sendToLoginPage(reply, result.refusal, result.redirectPath);
    }
    sessionCookieOf(request, reply).set(result.signedIn.token, services.config.FLEETDECK_SESSION_MAX_SECONDS);
    return reply.redirect(result.redirectPath, 302);
  });
}

function sendToLoginPage(reply: FastifyReply, error: OidcLoginError, redirectPath: string) {
  const search = new URLSearchParams({ error });
  if (redirectPath !== defaultAfterLoginPath) search.set("redirect", redirectPath);
  return reply.redirect(`/login?${search}`, 302);
}
