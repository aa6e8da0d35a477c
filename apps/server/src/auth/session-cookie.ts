import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";

export const sessionCookieName = "fleetdeck_session";

/**
 * The session cookie: httpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * POSTs), Secure whenever the console is served over TLS, and living no longer than the session.
 */
export function sessionCookieOf(request: FastifyRequest, reply: FastifyReply) {
  const options = { httpOnly: true, sameSite: "lax" as const, secure: request.protocol === "https", path: "/" };
  return {
    token: request.cookies[sessionCookieName] ?? null,
    set(token: string, maxAgeSeconds: number) {
      reply.setCookie(sessionCookieName, token, { ...options, maxAge: maxAgeSeconds });
    },
    clear() {
      reply.clearCookie(sessionCookieName, options);
    },
  };
}

export type SessionCookie = ReturnType<typeof sessionCookieOf>;
