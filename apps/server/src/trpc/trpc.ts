import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { InvalidRequestError, NotFoundError, SourceUnavailableError } from "../infra/errors.ts";
import type { AppContext } from "./context.ts";

/**
 * The one tRPC instance. Errors carry flattened zod issues so the UI can show field-level
 * messages; SSE pings keep idle subscriptions alive through proxies.
 */
const t = initTRPC.context<AppContext>().create({
  sse: {
    ping: { enabled: true, intervalMs: 5_000 },
    client: { reconnectAfterInactivityMs: 12_000 },
  },
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        zodIssues: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

/** Counts and times every call per procedure for the server's own /metrics. */
const instrumented = t.middleware(async ({ ctx, path, type, next }) => {
  const stopTimer = ctx.metrics.procedureSeconds.startTimer({ procedure: path, type });
  const result = await next();
  const code = result.ok ? "OK" : result.error.code;
  stopTimer({ code });
  ctx.metrics.procedureCalls.inc({ procedure: path, type, code });
  return result;
});

/** Turns domain errors into typed codes so clients can tell "not there" from "broken". */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof NotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: cause.message, cause });
  if (cause instanceof SourceUnavailableError) {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: cause.message, cause });
  }
  if (cause instanceof InvalidRequestError) throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(instrumented).use(domainErrors);
