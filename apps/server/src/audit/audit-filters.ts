import { maxAuditPageSize } from "@fleetdeck/db";
import { z } from "zod";

/** The latest instant a JavaScript Date can hold (±8.64e15 ms around 1970). */
const latestEpochMs = 8.64e15;

const filterText = (what: string) =>
  z.string().min(1, `${what} must not be empty: leave it out to match any`).max(256, `${what} is too long`);

const epochMs = z
  .number({ error: "must be a time in epoch milliseconds" })
  .int("must be a whole number of milliseconds")
  .min(0, "must not be before 1970")
  .max(latestEpochMs, "is beyond the last date a browser can show");

/** Filters as typed values; every one is optional and all that are given must match. */
const filterShape = {
  actor: filterText("actor").optional(),
  /** One action exactly, e.g. `user.create`. */
  action: filterText("action").optional(),
  /** Actions starting with this, e.g. `user.` for every change to accounts. */
  actionPrefix: filterText("actionPrefix").optional(),
  entityType: filterText("entityType").optional(),
  entityId: filterText("entityId").optional(),
  /** Inclusive. */
  fromMs: epochMs.optional(),
  /** Exclusive. */
  toMs: epochMs.optional(),
};

/** A range that ends before it starts matches nothing: almost always swapped inputs, so say so. */
function requireTimeRangeInOrder(
  filters: { fromMs?: number | undefined; toMs?: number | undefined },
  ctx: z.RefinementCtx,
) {
  const { fromMs, toMs } = filters;
  if (fromMs === undefined || toMs === undefined || fromMs < toMs) return;
  ctx.addIssue({
    code: "custom",
    path: ["toMs"],
    message: `toMs (${new Date(toMs).toISOString()}) must be after fromMs (${new Date(fromMs).toISOString()})`,
  });
}

export const AuditFilters = z.object(filterShape).superRefine(requireTimeRangeInOrder);
export type AuditFilters = z.infer<typeof AuditFilters>;

export const defaultAuditPageSize = 50;

/**
 * One page of `audit.list`. The page is named by `cursor` (the previous page's nextBeforeId:
 * entries older than it) because that is the field tRPC's infinite queries fill in.
 */
export const AuditListInput = z
  .object({
    ...filterShape,
    limit: z.number().int().min(1).max(maxAuditPageSize).default(defaultAuditPageSize),
    cursor: z.number().int().positive().nullish(),
  })
  .superRefine(requireTimeRangeInOrder);
export type AuditListInput = z.infer<typeof AuditListInput>;

export const AuditExportFormat = z.enum(["csv", "json"], { error: 'format must be "csv" or "json"' });
export type AuditExportFormat = z.infer<typeof AuditExportFormat>;

/** A query-string time: digits only, so that "", "1e3" or " 5" are refused rather than read as numbers. */
const epochMsText = z
  .string()
  .regex(/^\d+$/, "must be a time in epoch milliseconds (digits only)")
  .transform(Number)
  .pipe(epochMs);

/**
 * `/api/audit/export?format=csv&actor=alice&fromMs=…`: the same filters as the list, from the query
 * string. Unknown parameters are refused, so a misspelt filter does not silently export everything.
 */
export const AuditExportQuery = z
  .strictObject({
    format: AuditExportFormat,
    ...filterShape,
    fromMs: epochMsText.optional(),
    toMs: epochMsText.optional(),
  })
  .superRefine(requireTimeRangeInOrder);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;
