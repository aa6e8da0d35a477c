import type { TRPCRouterRecord } from "@trpc/server";
import { readProcedure } from "../trpc/trpc.ts";
import { AuditListInput } from "./audit-filters.ts";

/**
 * The audit log, for reading. "read", not "administer": four-eyes works only if the people who
 * approve and operate can see who did what, so everyone who may use the console may read its
 * record. Where requests came from (IP, user agent) is personal data and stays with administrators
 * (see audit-visibility.ts). The export is a plain HTTP route with the same rule
 * (audit-export-route.ts).
 */
export const auditRouter = {
  list: readProcedure.input(AuditListInput).query(({ ctx, input }) => {
    const { limit, cursor, ...filters } = input;
    return ctx.auditLog.page(filters, { limit, beforeId: cursor ?? undefined }, ctx.identity);
  }),

  /** The actors, actions and entity types seen in the log, for the filter pickers. */
  facets: readProcedure.query(({ ctx }) => ctx.auditLog.facets(ctx.identity)),
} satisfies TRPCRouterRecord;
