import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from "fastify";
import type { RequestOrigin } from "../audit/audit-writer.ts";
import type { Identity } from "../auth/identity.ts";
import { type SessionCookie, sessionCookieOf } from "../auth/session-cookie.ts";
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

export function createContextFactory(services: ServerServices) {
  return async ({ req, res }: { req: FastifyRequest; res: FastifyReply }): Promise<AppContext> => {
    const sessionCookie = sessionCookieOf(req, res);
    const authorization = req.headers.authorization;
    const identity = authorization
      ? await services.apiTokens.resolveBearer(authorization)
      : sessionCookie.token
        ? await services.sessions.resolve(sessionCookie.token)
        : null;
    return {
      ...services,
      requestId: String(req.id),
      log: req.log,
      identity,
      origin: { ip: req.ip, requestId: String(req.id) },
      userAgent: req.headers["user-agent"] ?? null,
      sessionCookie,
    };
  };
}
