import { z } from "zod";

/** The time windows offered, counted back from when the filters were chosen, and "custom" for from/to. */
export const auditTimeRanges = ["any", "1h", "24h", "7d", "30d", "custom"] as const;
export type AuditTimeRange = (typeof auditTimeRanges)[number];
export const defaultAuditTimeRange: AuditTimeRange = "any";

export const auditTimeRangeLabels: Record<AuditTimeRange, string> = {
  any: "Any time",
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom range",
};

const hourMs = 3_600_000;
const presetDurationsMs: Record<Exclude<AuditTimeRange, "any" | "custom">, number> = {
  "1h": hourMs,
  "24h": 24 * hourMs,
  "7d": 7 * 24 * hourMs,
  "30d": 30 * 24 * hourMs,
};

/**
 * A text filter from the URL. The router reads `?entityId=42` as the number 42, so numbers are
 * taken as their text; anything unusable is dropped rather than breaking a pasted link.
 */
const searchText = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().min(1).max(256))
  .optional()
  .catch(undefined);

const searchEpochMs = z.number().int().min(0).max(8.64e15).optional().catch(undefined);

/**
 * The audit page's shareable view: `/audit?actor=alice&action=user.&range=7d`. `action` is a
 * prefix ("user." matches user.create and user.disable); `from`/`to` (epoch ms) apply when
 * `range` is custom.
 */
export const auditSearchSchema = z.object({
  actor: searchText,
  action: searchText,
  entityType: searchText,
  entityId: searchText,
  range: z.enum(auditTimeRanges).default(defaultAuditTimeRange).catch(defaultAuditTimeRange),
  from: searchEpochMs,
  to: searchEpochMs,
});
export type AuditSearch = z.infer<typeof auditSearchSchema>;

/** What audit.list and the export are asked for. */
export interface AuditQueryFilters {
  actor?: string;
  actionPrefix?: string;
  entityType?: string;
  entityId?: string;
  fromMs?: number;
  toMs?: number;
}

export type AuditQueryPlan = { filters: AuditQueryFilters; problem: null } | { filters: null; problem: string };

/**
 * The filters the page's URL asks for, with a preset range turned into times counted back from
 * `nowMs`; a custom range that ends before it starts is a problem to show, not a query to send.
 */
export function auditQueryOf(search: AuditSearch, nowMs: number): AuditQueryPlan {
  const filters: AuditQueryFilters = {};
  if (search.actor !== undefined) filters.actor = search.actor;
  if (search.action !== undefined) filters.actionPrefix = search.action;
  if (search.entityType !== undefined) filters.entityType = search.entityType;
  if (search.entityId !== undefined) filters.entityId = search.entityId;
  if (search.range === "custom") {
    if (search.from !== undefined && search.to !== undefined && search.from >= search.to) {
      return { filters: null, problem: "The custom range ends before it starts: choose a “to” time after “from”." };
    }
    if (search.from !== undefined) filters.fromMs = search.from;
    if (search.to !== undefined) filters.toMs = search.to;
  } else if (search.range !== "any") {
    filters.fromMs = nowMs - presetDurationsMs[search.range];
  }
  return { filters, problem: null };
}

export const auditExportPath = "/api/audit/export";

/** The download link for the entries the page shows, in CSV or JSON. */
export function auditExportHref(filters: AuditQueryFilters, format: "csv" | "json"): string {
  const params = new URLSearchParams({ format });
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined) params.set(name, String(value));
  }
  return `${auditExportPath}?${params}`;
}

/** `<input type="datetime-local">` speaks local time without a zone: "2026-01-02T09:30". */
export function localDateTimeInputValue(ms: number | undefined): string {
  if (ms === undefined) return "";
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** The instant a datetime-local value names in the browser's zone; undefined when empty or invalid. */
export function epochMsOfLocalDateTime(value: string): number | undefined {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value)) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
