import { rolesAllow } from "@fleetdeck/core";
import type { FastifyInstance } from "fastify";
import { auditContextOf } from "../auth/identity.ts";
import type { ServerServices } from "../services.ts";
import { identityOfRequest } from "../trpc/context.ts";
import {
  auditCsvStream,
  auditExportContentTypes,
  auditExportFileName,
  auditJsonStream,
} from "./audit-export-encoding.ts";
import { AuditExportQuery } from "./audit-filters.ts";

export const auditExportPath = "/api/audit/export";

/**
 * `GET /api/audit/export?format=csv|json&<audit.list's filters>`: every matching entry as a file
 * download (a plain route: a download is a link, not a tRPC call). The same credentials as tRPC
 * (session cookie or Bearer token) and the same rule as audit.list: whoever may read may export,
 * with request origins only for administrators.
 *
 * A GET that appends an audit row: CSRF-wise still safe to be a GET. A cross-site page can make a
 * signed-in browser fetch it (SameSite=Lax lets top-level navigations carry the cookie) but cannot
 * read the answer; all it achieves is one more `audit.export` row naming the victim, which changes
 * no state anyone acts on.
 */
export function registerAuditExportRoute(
  app: FastifyInstance,
  services: Pick<ServerServices, "auditLog" | "apiTokens" | "sessions">,
) {
  app.get(auditExportPath, async (request, reply) => {
    reply.header("cache-control", "no-store");
    const identity = await identityOfRequest(services, request);
    if (!identity) {
      return reply
        .code(401)
        .header("www-authenticate", 'Bearer realm="fleetdeck"')
        .send({ error: "sign in first", detail: "send the session cookie or an API token as a Bearer token" });
    }
    if (!rolesAllow(identity.roles, "read")) {
      return reply.code(403).send({
        error: "forbidden",
        detail: `exporting the audit log needs the "read" permission, which roles [${identity.roles.join(", ")}] do not grant`,
      });
    }
    const parsed = AuditExportQuery.safeParse(request.query);
    if (!parsed.success) {
      return reply.code(400).send({
        error: "invalid export request",
        issues: parsed.error.issues.map((issue) =>
          issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
        ),
      });
    }
    const { format, ...filters } = parsed.data;
    const origin = { ip: request.ip, requestId: String(request.id) };
    await services.auditLog.recordExport(format, filters, auditContextOf(identity, origin));

    const entries = services.auditLog.entries(filters, identity);
    const fileName = auditExportFileName(filters, Date.now(), format);
    return reply
      .header("content-type", auditExportContentTypes[format])
      .header("content-disposition", `attachment; filename="${fileName}"`)
      .send(format === "csv" ? auditCsvStream(entries) : auditJsonStream(entries));
  });
}
