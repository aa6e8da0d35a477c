import { formatBytes, type Permission, rolesAllow } from "@fleetdeck/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { auditContextOf, type Identity } from "../auth/identity.ts";
import {
  InvalidRequestError,
  NotFoundError,
  PreconditionFailedError,
  SourceUnavailableError,
  TimeLimitError,
} from "../infra/errors.ts";
import type { ServerServices } from "../services.ts";
import { identityOfRequest } from "../trpc/context.ts";
import { InvalidProfileError } from "./profile-workers.ts";

export const profileRoutesPrefix = "/api/profiles";

/** Nodes a flame graph keeps when the request does not say (smaller ones merge per parent). */
export const defaultMaxFlameNodes = 4_000;
const maxFlameNodesLimit = 50_000;

/** Function names from the root to the zoomed frame, as a JSON array in the query string. */
const rootPath = z.string().transform((text, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: "custom", message: 'must be a JSON array of function names, e.g. ["main.main","main.run"]' });
    return z.NEVER;
  }
  const names = z.array(z.string()).max(1_000).safeParse(parsed);
  if (!names.success) {
    ctx.addIssue({ code: "custom", message: "must be a JSON array of at most 1000 function names" });
    return z.NEVER;
  }
  return names.data;
});

const flag = z.enum(["0", "1", "true", "false"]).transform((value) => value === "1" || value === "true");
const maxNodes = z.coerce.number().int().min(1).max(maxFlameNodesLimit).default(defaultMaxFlameNodes);
const filters = {
  sampleType: z.string().min(1).optional(),
  focus: z.string().max(1_000).optional(),
  hide: z.string().max(1_000).optional(),
  path: rootPath.optional(),
  maxNodes,
};

const FlameQuery = z.object({ ...filters, inverted: flag.optional() });
const SandwichQuery = z.object({
  function: z.string().min(1, "name the function"),
  view: z.enum(["callers", "callees"]),
  sampleType: z.string().min(1).optional(),
  maxNodes,
});
const DiffFlameQuery = z.object({
  base: z.string().min(1, "name the base profile"),
  target: z.string().min(1, "name the target profile"),
  ...filters,
});
const UploadQuery = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  instanceId: z.string().min(1).max(200).optional(),
});
const IdParams = z.object({ id: z.string().min(1) });

const uploadContentTypeRule =
  "send the profile's bytes (.pb.gz or .pb) as the body, with content-type: application/octet-stream";

/** A bad request's answer: every problem with the query parameter it concerns. */
class QueryError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid request: ${issues.join("; ")}`);
  }
}

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new QueryError(
    result.error.issues.map((issue) =>
      issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
    ),
  );
}

/** Domain errors as HTTP statuses; anything else is a bug and stays a 500. */
function statusOf(error: unknown): number | null {
  if (error instanceof QueryError || error instanceof InvalidRequestError || error instanceof InvalidProfileError) {
    return 400;
  }
  if (error instanceof NotFoundError) return 404;
  if (error instanceof PreconditionFailedError) return 412;
  if (error instanceof SourceUnavailableError) return 503;
  if (error instanceof TimeLimitError) return 504;
  return null;
}

/** The signed-in caller if their roles grant `permission`; otherwise answers 401 or 403 and returns null. */
async function authorized(
  services: Pick<ServerServices, "apiTokens" | "sessions">,
  request: FastifyRequest,
  reply: FastifyReply,
  permission: Permission,
): Promise<Identity | null> {
  const identity = await identityOfRequest(services, request);
  if (!identity) {
    await reply
      .code(401)
      .header("www-authenticate", 'Bearer realm="fleetdeck"')
      .send({ error: "sign in first (send the session cookie or an API token as a Bearer token)" });
    return null;
  }
  if (!rolesAllow(identity.roles, permission)) {
    await reply.code(403).send({
      error: `this needs the "${permission}" permission, which roles [${identity.roles.join(", ")}] do not grant`,
    });
    return null;
  }
  // As for tRPC mutations: an account whose password an admin reset may look but not act.
  if (permission !== "read" && identity.mustChangePassword) {
    await reply.code(403).send({ error: "change your password first: until then this account can only read" });
    return null;
  }
  return identity;
}

const gzipMagic = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** A name as a file name in a Content-Disposition header: no quotes, slashes or control characters. */
function fileNameOf(name: string, bytes: Uint8Array): string {
  const safe = name.replace(/[^\w.-]+/g, "_").replace(/^\.+/, "") || "profile";
  return `${safe}${gzipMagic(bytes) ? ".pb.gz" : ".pb"}`;
}

/**
 * The binary side of profiles, beside tRPC (ARCHITECTURE.md, "Profiles: from bytes to pixels"):
 * flame graphs in the columnar wire format, downloads of the original bytes, and uploads. The
 * same credentials as tRPC (session cookie or Bearer token); reading needs "read", uploading
 * "operate" and, with a cookie, our own origin (the server-wide origin check). Errors are JSON
 * `{ "error": "..." }`.
 */
export function registerProfileRoutes(
  app: FastifyInstance,
  services: Pick<ServerServices, "apiTokens" | "sessions" | "profiles" | "config">,
) {
  const maxUploadBytes = services.config.FLEETDECK_PROFILE_MAX_BYTES;
  /** Uploaders as authorized before their body was read. */
  const uploaders = new WeakMap<FastifyRequest, Identity>();

  app.register(
    async (scope) => {
      scope.setErrorHandler(async (error: Error & { code?: string; statusCode?: number }, _request, reply) => {
        if (error instanceof QueryError) return reply.code(400).send({ error: error.message, issues: error.issues });
        const status = statusOf(error);
        if (status !== null) return reply.code(status).send({ error: error.message });
        if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
          return reply.code(413).send({
            error: `the profile is larger than the ${formatBytes(maxUploadBytes)} upload limit (FLEETDECK_PROFILE_MAX_BYTES)`,
          });
        }
        if (error.statusCode !== undefined && error.statusCode < 500) {
          return reply.code(error.statusCode).send({ error: error.message });
        }
        throw error;
      });

      scope.addContentTypeParser("application/octet-stream", { parseAs: "buffer" }, (_request, body, done) =>
        done(null, body),
      );

      scope.get("/diff/flame", async (request, reply) => {
        if (!(await authorized(services, request, reply, "read"))) return reply;
        const query = parsed(DiffFlameQuery, request.query);
        const wire = await services.profiles.diffFlame(query.base, query.target, {
          sampleType: query.sampleType,
          focus: query.focus,
          hide: query.hide,
          rootPath: query.path,
          maxNodes: query.maxNodes,
        });
        return sendWire(reply, wire);
      });

      scope.get("/:id/flame", async (request, reply) => {
        if (!(await authorized(services, request, reply, "read"))) return reply;
        const { id } = parsed(IdParams, request.params);
        const query = parsed(FlameQuery, request.query);
        const wire = await services.profiles.flame(id, {
          sampleType: query.sampleType,
          inverted: query.inverted ?? false,
          focus: query.focus,
          hide: query.hide,
          rootPath: query.path,
          maxNodes: query.maxNodes,
        });
        return sendWire(reply, wire);
      });

      scope.get("/:id/sandwich", async (request, reply) => {
        if (!(await authorized(services, request, reply, "read"))) return reply;
        const { id } = parsed(IdParams, request.params);
        const query = parsed(SandwichQuery, request.query);
        const wire = await services.profiles.sandwich(id, {
          functionName: query.function,
          view: query.view,
          sampleType: query.sampleType,
          maxNodes: query.maxNodes,
        });
        return sendWire(reply, wire);
      });

      scope.get("/:id/download", async (request, reply) => {
        if (!(await authorized(services, request, reply, "read"))) return reply;
        const { id } = parsed(IdParams, request.params);
        const { meta, bytes } = await services.profiles.download(id);
        return reply
          .header("content-type", "application/octet-stream")
          .header("content-disposition", `attachment; filename="${fileNameOf(meta.name, bytes)}"`)
          .header("cache-control", "private, max-age=600")
          .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });

      scope.post(
        "/upload",
        {
          bodyLimit: maxUploadBytes,
          // Before the body is read: nobody may make the server read megabytes without the right to store them.
          onRequest: async (request, reply) => {
            const identity = await authorized(services, request, reply, "operate");
            if (!identity) return;
            if (!request.headers["content-type"]?.startsWith("application/octet-stream")) {
              return reply.code(415).send({ error: uploadContentTypeRule });
            }
            uploaders.set(request, identity);
          },
        },
        async (request, reply) => {
          const identity = uploaders.get(request);
          if (!identity) throw new Error("upload reached its handler without an authorized caller");
          const query = parsed(UploadQuery, request.query);
          const body = request.body;
          if (!Buffer.isBuffer(body) || body.byteLength === 0) {
            throw new QueryError([`body: empty; ${uploadContentTypeRule}`]);
          }
          const meta = await services.profiles.upload(
            {
              userId: identity.userId,
              audit: auditContextOf(identity, { ip: request.ip, requestId: String(request.id) }),
            },
            {
              name: query.name ?? `upload-${new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")}`,
              instanceId: query.instanceId,
              bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
            },
          );
          return reply.code(201).send({ id: meta.id });
        },
      );
    },
    { prefix: profileRoutesPrefix },
  );
}

function sendWire(reply: FastifyReply, wire: Uint8Array) {
  return reply
    .header("content-type", "application/octet-stream")
    .header("cache-control", "private, max-age=600")
    .send(Buffer.from(wire.buffer, wire.byteOffset, wire.byteLength));
}
