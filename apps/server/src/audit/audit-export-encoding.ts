import { pipeline, Readable } from "node:stream";
import type { AuditEntry } from "@fleetdeck/db";
import { stringify } from "csv-stringify";
import type { AuditExportFormat } from "./audit-filters.ts";

/** The columns of an export, in order: the same names in CSV headers and JSON keys. */
export const auditExportColumns = [
  "id",
  "at",
  "actor",
  "actorKind",
  "action",
  "entityType",
  "entityId",
  "outcome",
  "ip",
  "requestId",
  "before",
  "after",
] as const;

/** One exported entry: the time as ISO 8601 in UTC, which people and spreadsheets both read. */
export function auditExportRecord(entry: AuditEntry) {
  return {
    id: entry.id,
    at: new Date(entry.atMs).toISOString(),
    actor: entry.actor,
    actorKind: entry.actorKind,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    outcome: entry.outcome,
    ip: entry.ip,
    requestId: entry.requestId,
    before: entry.before,
    after: entry.after,
  } satisfies Record<(typeof auditExportColumns)[number], unknown>;
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * strip first) as a formula, and the log holds text anyone can type: a username tried at sign-in
 * such as `=HYPERLINK(…)`. A leading single quote makes the spreadsheet show the text as text
 * (OWASP's advice for CSV injection).
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return neutralizeFormula(text);
}

/**
 * RFC 4180 CSV: CRLF between records, a header line, fields quoted when they hold a comma, a quote
 * or a line break (csv-stringify only looks for the whole CRLF by itself, hence quoted_match for a
 * lone CR or LF). before/after are JSON text.
 */
export function auditCsvStream(entries: AsyncIterable<AuditEntry>): Readable {
  async function* rows() {
    for await (const entry of entries) {
      const record = auditExportRecord(entry);
      yield auditExportColumns.map((column) => csvCell(record[column]));
    }
  }
  const csv = stringify({
    header: true,
    columns: [...auditExportColumns],
    record_delimiter: "windows",
    quoted_match: /[\r\n]/,
  });
  // pipeline, not pipe: a failed read destroys the CSV stream too, which ends the response.
  return pipeline(Readable.from(rows()), csv, () => {});
}

/** A JSON array, written one entry at a time, so that it streams yet parses as one document. */
export function auditJsonStream(entries: AsyncIterable<AuditEntry>): Readable {
  async function* chunks() {
    let separator = "[\n";
    for await (const entry of entries) {
      yield `${separator}${JSON.stringify(auditExportRecord(entry))}`;
      separator = ",\n";
    }
    yield separator === "[\n" ? "[]\n" : "\n]\n";
  }
  return Readable.from(chunks(), { objectMode: false });
}

export const auditExportContentTypes: Record<AuditExportFormat, string> = {
  csv: "text/csv; charset=utf-8; header=present",
  json: "application/json; charset=utf-8",
};

/** `20260102T030405Z`: sorts by time and needs no characters a file name may not hold. */
function compactUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replaceAll(/[-:]/g, "");
}

/**
 * `fleetdeck-audit-20260101T000000Z-to-20260102T000000Z.csv`: the range the file covers, from the
 * first entry there could be ("start") to the export's own time when no end was given.
 */
export function auditExportFileName(
  { fromMs, toMs }: { fromMs?: number | undefined; toMs?: number | undefined },
  exportedAtMs: number,
  format: AuditExportFormat,
): string {
  const from = fromMs === undefined ? "start" : compactUtc(fromMs);
  return `fleetdeck-audit-${from}-to-${compactUtc(toMs ?? exportedAtMs)}.${format}`;
}
