import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from "fastify";
import type { RequestOrigin } from "../audit/audit-writer.ts";
import type { Identity } from "../auth/identity.ts";
import { type SessionCookie, sessionCookieName, sessionCookieOf } from "../auth/session-cookie.ts";
import type { ServerServices } from "../services.ts";

export interface AppContext extends ServerServices {
  requestId: string;
  log: FastifyBaseLogger;
  /** Who is calling, from an API token (Bearer) or the session cookie; null when nobody signed in. */
  identity: Identity | null;
  origin: RequestOrigin;
  userAgent: string | null;
  sessionCookie: SessionCookie;
}

/**
 * Who sent a request: the API token in its Authorization header when it has one (a bad token is
 * nobody, even if a session cookie came along), else its session cookie. Every route that needs a
 * caller (tRPC, downloads) asks here, so all of them accept the same credentials.
 */
export async function identityOfRequest(
  services: Pick<ServerServices, "apiTokens" | "sessions">,
  request: FastifyRequest,
): Promise<Identity | null> {
  const authorization = request.headers.authorization;
  if (authorization) return services.apiTokens.resolveBearer(authorization);
  const sessionToken = request.cookies[sessionCookieName];
  return sessionToken ? services.sessions.resolve(sessionToken) : null;
}

export function createContextFactory(services: ServerServices) {
  return async ({ req, res }: { req: FastifyRequest; res: FastifyReply }): Promise<AppContext> => {
    const sessionCookie = sessionCookieOf(req, res);
    return {
      ...services,
      requestId: String(req.id),
      log: req.log,
      identity: await identityOfRequest(services, req),
      origin: { ip: req.ip, requestId: String(req.id) },
      userAgent: req.headers["user-agent"] ?? null,
      sessionCookie,
    };
  };
}
