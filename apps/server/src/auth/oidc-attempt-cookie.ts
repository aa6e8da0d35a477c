import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import { oidcAttemptLifetimeMs } from "./oidc-sign-in.ts";

export const oidcAttemptCookieName = "fleetdeck_oidc_attempt";

/**
 * The cookie that ties a single sign-on to the browser that started it: a random value whose hash
 * names the sign-in stored on the server (state, nonce, PKCE verifier). The value alone lets nobody
 * forge a sign-in, and a callback without it is refused, so a link to the callback with someone
 * else's code cannot sign a victim into the sender's account. httpOnly, SameSite=Lax (sent on the
 * provider's top-level redirect back), only under /auth/oidc, and gone when the sign-in expires.
 */
export function oidcAttemptCookieOf(request: FastifyRequest, reply: FastifyReply) {
  const options = {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: request.protocol === "https",
    path: "/auth/oidc",
  };
  return {
    token: request.cookies[oidcAttemptCookieName] ?? null,
    set(token: string) {
      reply.setCookie(oidcAttemptCookieName, token, { ...options, maxAge: oidcAttemptLifetimeMs / 1000 });
    },
    clear() {
      reply.clearCookie(oidcAttemptCookieName, options);
    },
  };
}
