import { type Permission, rolesAllow } from "@fleetdeck/core";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { AccountDisabledError, InvalidCredentialsError, LoginRateLimitedError } from "../auth/session-service.ts";
import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitedError,
  SourceUnavailableError,
  TimeLimitError,
} from "../infra/errors.ts";
import type { AppContext } from "./context.ts";

/** Who may call a procedure: set by the builder it is made with, checked by the matrix test. */
export interface ProcedureMeta {
  access: "public" | Permission;
  /** Callable by a user who must still replace a password an admin set (only the change itself). */
  allowedWhilePasswordChangePending?: boolean;
}

/**
 * The one tRPC instance. Errors carry flattened zod issues so the UI can show field-level
 * messages; SSE pings keep idle subscriptions alive through proxies.
 */
const t = initTRPC
  .context<AppContext>()
  .meta<ProcedureMeta>()
  .create({
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
          retryAfterMs:
            error.cause instanceof LoginRateLimitedError || error.cause instanceof RateLimitedError
              ? error.cause.retryAfterMs
              : null,
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

const domainErrorCodes: [new (...args: never[]) => Error, TRPCError["code"]][] = [
  [NotFoundError, "NOT_FOUND"],
  [InvalidRequestError, "BAD_REQUEST"],
  [SourceUnavailableError, "SERVICE_UNAVAILABLE"],
  [InvalidCredentialsError, "UNAUTHORIZED"],
  [AccountDisabledError, "FORBIDDEN"],
  [LoginRateLimitedError, "TOO_MANY_REQUESTS"],
  [ConflictError, "CONFLICT"],
  [RateLimitedError, "TOO_MANY_REQUESTS"],
  [PreconditionFailedError, "PRECONDITION_FAILED"],
  [ForbiddenError, "FORBIDDEN"],
  [TimeLimitError, "GATEWAY_TIMEOUT"],
];

/** Turns domain errors into typed codes so clients can tell "not there" from "broken". */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  const code = domainErrorCodes.find(([type]) => cause instanceof type)?.[1];
  if (cause && code) throw new TRPCError({ code, message: cause.message, cause });
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Answers anyone: sign-in, sign-out and "who am I". */
export const publicProcedure = t.procedure.meta({ access: "public" }).use(instrumented).use(domainErrors);

const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.identity) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return next({ ctx: { identity: ctx.identity } });
});

/** A procedure that needs a signed-in caller whose roles grant `permission`. */
function procedureFor(permission: Permission) {
  return signedInProcedure.meta({ access: permission }).use(({ ctx, meta, type, next }) => {
    if (!rolesAllow(ctx.identity.roles, permission)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `this needs the "${permission}" permission, which roles [${ctx.identity.roles.join(", ")}] do not grant`,
      });
    }
    // The admin who reset the password knows it: until the user replaces it, the account may
    // look but not act, so nobody can approve or roll out in the user's name.
    if (ctx.identity.mustChangePassword && type === "mutation" && !meta?.allowedWhilePasswordChangePending) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "change your password first: until then this account can only read",
      });
    }
    return next();
  });
}

export const readProcedure = procedureFor("read");
export const operateProcedure = procedureFor("operate");
export const approveProcedure = procedureFor("approve");
export const adminProcedure = procedureFor("administer");
