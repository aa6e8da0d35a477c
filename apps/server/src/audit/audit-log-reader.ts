import {
  type AuditEntry,
  type AuditFacets,
  type AuditPage,
  appendAudit,
  type Database,
  queryAudit,
  queryAuditFacets,
} from "@fleetdeck/db";
import type { Identity } from "../auth/identity.ts";
import type { AuditExportFormat, AuditFilters } from "./audit-filters.ts";
import { auditEntryAsSeenBy, canSeeRequestOrigins } from "./audit-visibility.ts";
import type { AuditContext } from "./audit-writer.ts";

export interface AuditLogReaderOptions {
  /** How many entries an export reads per query. */
  exportPageSize?: number;
  /** How many distinct values each filter picker offers. */
  facetLimit?: number;
}

/** Reading the audit log as a given person may see it: pages for the UI, every entry for an export. */
export class AuditLogReader {
  private readonly exportPageSize: number;
  private readonly facetLimit: number;

  constructor(
    private readonly db: Database,
    { exportPageSize = 500, facetLimit = 500 }: AuditLogReaderOptions = {},
  ) {
    this.exportPageSize = exportPageSize;
    this.facetLimit = facetLimit;
  }

  /** One page, newest first; `beforeId` is the previous page's nextBeforeId. */
  async page(
    filters: AuditFilters,
    { limit, beforeId }: { limit: number; beforeId?: number | undefined },
    viewer: Identity,
  ): Promise<AuditPage> {
    const seesOrigins = canSeeRequestOrigins(viewer.roles);
    const page = await queryAudit(this.db, { ...filters, ...actorFilterFor(filters, seesOrigins), limit, beforeId });
    return { ...page, entries: page.entries.map((entry) => auditEntryAsSeenBy(entry, seesOrigins)) };
  }

  facets(viewer: Identity): Promise<AuditFacets> {
    const hideTypedNames = !canSeeRequestOrigins(viewer.roles);
    return queryAuditFacets(this.db, {
      limitPerFacet: this.facetLimit,
      ...(hideTypedNames ? { excludeActorKind: "anonymous" as const } : {}),
    });
  }

  /**
   * Every matching entry, newest first, one page of queries at a time as the consumer pulls: an
   * export of the whole log never holds more than a page. Keyset paging by id also means entries
   * written while the export runs (newer ids) do not shift the pages still to come.
   */
  async *entries(filters: AuditFilters, viewer: Identity): AsyncGenerator<AuditEntry> {
    const seesOrigins = canSeeRequestOrigins(viewer.roles);
    let beforeId: number | undefined;
    do {
      const page = await queryAudit(this.db, {
        ...filters,
        ...actorFilterFor(filters, seesOrigins),
        limit: this.exportPageSize,
        beforeId,
      });
      for (const entry of page.entries) yield auditEntryAsSeenBy(entry, seesOrigins);
      beforeId = page.nextBeforeId ?? undefined;
    } while (beforeId !== undefined);
  }

  /**
   * An export copies the log out of the console's control, so it is itself recorded: who, with
   * which filters. Written before the first entry is sent, so an interrupted export is recorded too.
   */
  async recordExport(format: AuditExportFormat, filters: AuditFilters, audit: AuditContext): Promise<void> {
    await appendAudit(this.db, {
      ...audit,
      action: "audit.export",
      entityType: "audit-log",
      after: { format, filters },
    });
  }
}

/**
 * Filtering by actor must not let a non-admin probe what people typed into a refused sign-in
 * (sometimes a password in the username field): such a filter skips anonymous entries.
 */
function actorFilterFor(filters: AuditFilters, seesOrigins: boolean) {
  return !seesOrigins && filters.actor !== undefined ? { excludeActorKind: "anonymous" as const } : {};
}
