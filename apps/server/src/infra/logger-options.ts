import type { Writable } from "node:stream";
import type { FastifyServerOptions } from "fastify";

/**
 * The server's pino settings. Credentials reach us in headers (cookie, Authorization) and in the
 * sign-in body; request logs carry neither body nor headers, and any header that does get
 * logged (e.g. with an error) is redacted.
 */
export function loggerOptions(level: string, stream?: Writable): FastifyServerOptions["logger"] {
  return {
    level,
    redact: {
      paths: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]', "*.password", "*.token"],
      censor: "[redacted]",
    },
    ...(stream ? { stream } : {}),
  };
}
