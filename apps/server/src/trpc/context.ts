import type { FastifyBaseLogger, FastifyRequest } from "fastify";
import type { ServerServices } from "../services.ts";

export interface AppContext extends ServerServices {
  requestId: string;
  log: FastifyBaseLogger;
}

export function createContextFactory(services: ServerServices) {
  return ({ req }: { req: FastifyRequest }): AppContext => ({
    ...services,
    requestId: String(req.id),
    log: req.log,
  });
}
