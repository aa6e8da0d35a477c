/**
 * Display formats for the console. Sizes and pause durations come from core, so every view agrees.
 * A null (a metric the source did not have) shows as "—".
 */
export { formatBytes, formatSeconds } from "@fleetdeck/core";

/** 0.1234 → "12.3%": one decimal, as the health policy's thresholds are read. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return "—";
  return `${(ratio * 100).toFixed(1)}%`;
}

/** CPU cores with enough precision to compare small services: "0.042", "1.35", "12.4". */
export function formatCores(cores: number | null): string {
  if (cores === null || !Number.isFinite(cores)) return "—";
  if (cores === 0) return "0";
  if (Math.abs(cores) < 0.1) return cores.toFixed(3);
  if (Math.abs(cores) < 10) return cores.toFixed(2);
  return cores.toFixed(1);
}

const countFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 12345 → "12,345". */
export function formatCount(value: number | null): string {
  return value !== null && Number.isFinite(value) ? countFormat.format(value) : "—";
}

/** Requests per second: "0.42", "12.3", "1,204". */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null || !Number.isFinite(perSecond)) return "—";
  if (perSecond < 1) return perSecond.toFixed(2);
  if (perSecond < 100) return perSecond.toFixed(1);
  return countFormat.format(perSecond);
}

/** Latency given in milliseconds, shown with the same units as GC pauses. */
export function formatLatencyMs(ms: number): string {
  return Number.isFinite(ms) ? `${ms < 10 ? ms.toFixed(1) : countFormat.format(ms)} ms` : "—";
}

/** GOGC as Go reads it: a percentage, or "off". */
export function formatGogc(gogc: number | "off" | null): string {
  if (gogc === null) return "—";
  return gogc === "off" ? "off" : String(gogc);
}

/** A measurement a metrics backend may lack (null): "—", else formatted. */
export function formatKnown<T>(value: T | null, format: (value: T) => string): string {
  return value === null ? "—" : format(value);
}

/** A limit that may be unset (GOMEMLIMIT or a container's memory.max). */
export function formatOptionalBytes(bytes: number | null, formatter: (bytes: number) => string): string {
  return bytes === null ? "none" : formatter(bytes);
}

/** "14:03:27" in 24-hour time; timeZone defaults to the browser's. */
export function formatClockTime(ms: number, timeZone?: string): string {
  if (!Number.isFinite(ms)) return "—";
  return new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}

/** A region's fixed offset from UTC: 0 → "UTC", -5 → "UTC-5", 5.5 → "UTC+5:30". */
export function formatUtcOffset(hours: number | null): string {
  if (hours === null || !Number.isFinite(hours)) return "—";
  if (hours === 0) return "UTC";
  const totalMinutes = Math.round(Math.abs(hours) * 60);
  const minutes = totalMinutes % 60;
  const whole = (totalMinutes - minutes) / 60;
  return `UTC${hours < 0 ? "-" : "+"}${whole}${minutes === 0 ? "" : `:${String(minutes).padStart(2, "0")}`}`;
}
