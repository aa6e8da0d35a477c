import type { FastifyInstance } from "fastify";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated requests, alongside SameSite=Lax cookies: a state-changing
 * request that carries a cookie must come from our own origin. Browsers always send Origin on
 * cross-site POSTs; requests without cookies (API tokens, scripts) are not at risk and pass.
 */
export function registerOriginCheck(app: FastifyInstance) {
  app.addHook("onRequest", async (request, reply) => {
    if (safeMethods.has(request.method) || !request.headers.cookie) return;
    const origin = request.headers.origin ?? refererOrigin(request.headers.referer);
    const expected = `${request.protocol}://${request.host}`;
    if (origin !== expected) {
      return reply.code(403).send({
        error: "cross-origin request refused",
        detail: `a cookie-authenticated ${request.method} must come from ${expected}, not ${origin ?? "an unknown origin"}`,
      });
    }
  });
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
