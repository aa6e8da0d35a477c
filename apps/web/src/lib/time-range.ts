import { z } from "zod";
import { formatDateTime } from "./format-date-time.ts";

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** The ranges a chart page offers, each ending at the fleet's now. */
export const timeRangePresets = ["15m", "1h", "6h", "24h", "7d", "30d"] as const;
export type TimeRangePreset = (typeof timeRangePresets)[number];
export const defaultTimeRangePreset: TimeRangePreset = "1h";

interface PresetSpec {
  durationMs: number;
  label: string;
  /**
   * How often a live chart asks again: about one new point per refresh (a chart of 600 points
   * over 6 h moves by one point every 36 s), but never slower than a person notices for short
   * ranges.
   */
  refreshMs: number;
}

export const timeRangePresetSpecs: Record<TimeRangePreset, PresetSpec> = {
  "15m": { durationMs: 15 * minute, label: "Last 15 minutes", refreshMs: 5_000 },
  "1h": { durationMs: hour, label: "Last hour", refreshMs: 10_000 },
  "6h": { durationMs: 6 * hour, label: "Last 6 hours", refreshMs: 10_000 },
  "24h": { durationMs: day, label: "Last 24 hours", refreshMs: 30_000 },
  "7d": { durationMs: 7 * day, label: "Last 7 days", refreshMs: 2 * minute },
  "30d": { durationMs: 30 * day, label: "Last 30 days", refreshMs: 5 * minute },
};

/** The server charts at most this much at a time. */
export const maxCustomRangeMs = 31 * day;

/** A preset counted back from the fleet's now (live), or fixed instants chosen by the user. */
export type TimeRange = { kind: "preset"; preset: TimeRangePreset } | { kind: "custom"; fromMs: number; toMs: number };

export const defaultTimeRange: TimeRange = { kind: "preset", preset: defaultTimeRangePreset };

/** Epoch milliseconds, from a number or an ISO 8601 text; null when it is neither. */
export function parseInstant(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return parseInstant(Number(text));
  // Only date-times: Date.parse also reads loose forms like "1 2 3" that no one means as a time.
  if (!/^\d{4}-\d{2}-\d{2}(T|$)/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

const urlInstant = z
  .unknown()
  .transform((value) => parseInstant(value) ?? undefined)
  .optional()
  .catch(undefined);

/**
 * A chart page's range in its URL: `?range=6h`, or `?from=<ms or ISO>&to=<ms or ISO>` for a custom
 * one. Anything unusable is dropped rather than breaking a pasted link; `timeRangeOf` then falls
 * back to the default.
 */
export const timeRangeSearchSchema = z.object({
  range: z.enum(timeRangePresets).optional().catch(undefined),
  from: urlInstant,
  to: urlInstant,
});
export type TimeRangeSearch = z.infer<typeof timeRangeSearchSchema>;

/** What a custom range's instants say is wrong with them, or null when they can be charted. */
export function customRangeProblem(fromMs: number | null, toMs: number | null): string | null {
  if (fromMs === null) return "Enter a start time.";
  if (toMs === null) return "Enter an end time.";
  if (toMs <= fromMs) return "The end must be after the start.";
  if (toMs - fromMs > maxCustomRangeMs) return "Choose at most 31 days at a time.";
  return null;
}

/** The range the URL asks for: a valid custom from/to wins, else the preset, else the default. */
export function timeRangeOf(search: TimeRangeSearch): TimeRange {
  const { from, to } = search;
  if (from !== undefined && to !== undefined && customRangeProblem(from, to) === null) {
    return { kind: "custom", fromMs: from, toMs: to };
  }
  return { kind: "preset", preset: search.range ?? defaultTimeRangePreset };
}

/** The search params that hold a range (the other form's params cleared; the default left out). */
export function timeRangeSearchOf(range: TimeRange): TimeRangeSearch {
  if (range.kind === "custom") return { range: undefined, from: range.fromMs, to: range.toMs };
  return { range: range.preset === defaultTimeRangePreset ? undefined : range.preset, from: undefined, to: undefined };
}

/** The window a GC series query asks for: relative to the fleet's now for a preset. */
export function seriesWindowOf(range: TimeRange, maxPoints: number) {
  return range.kind === "preset"
    ? { lastMs: timeRangePresetSpecs[range.preset].durationMs, maxPoints }
    : { startMs: range.fromMs, endMs: range.toMs, maxPoints };
}

/** A preset is live (refreshed on its beat); a custom range is history and never changes. */
export function refreshIntervalOf(range: TimeRange): number | false {
  return range.kind === "preset" ? timeRangePresetSpecs[range.preset].refreshMs : false;
}

export function spanMsOf(range: TimeRange): number {
  return range.kind === "preset" ? timeRangePresetSpecs[range.preset].durationMs : range.toMs - range.fromMs;
}

/** "Last 6 hours", or "2026-03-14 09:26 – 2026-03-15 10:00" (the second date left out when the same). */
export function formatTimeRange(range: TimeRange, timeZone?: string): string {
  if (range.kind === "preset") return timeRangePresetSpecs[range.preset].label;
  const from = formatDateTime(range.fromMs, timeZone);
  const to = formatDateTime(range.toMs, timeZone);
  const sameDay = from.slice(0, 10) === to.slice(0, 10);
  return `${from} – ${sameDay ? to.slice(11) : to}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The value of a `datetime-local` input (the browser's time zone, minutes) for an instant. */
export function localDateTimeInputValue(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a `datetime-local` input's value names in the browser's time zone; null when empty or malformed. */
export function instantOfLocalDateTime(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  // A date-time without an offset is local time (ECMAScript's Date Time String Format).
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}
