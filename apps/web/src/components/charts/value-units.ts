import { formatBytes, formatCores, formatCount, formatPercent, formatRate, formatSeconds } from "../../lib/format.ts";

/** What a chart's numbers measure; it decides how the axis and the tooltip write them. */
export type ValueUnit = "bytes" | "bytesPerSecond" | "seconds" | "ratio" | "cores" | "count" | "perSecond";

const formatters: Record<ValueUnit, (value: number) => string> = {
  bytes: formatBytes,
  bytesPerSecond: (value) => `${formatBytes(value)}/s`,
  seconds: formatSeconds,
  ratio: formatPercent,
  cores: formatCores,
  count: formatCount,
  perSecond: (value) => `${formatRate(value)}/s`,
};

/** A value as the tooltip, legend and summaries write it; "no data" for a gap. */
export function formatValue(unit: ValueUnit, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "no data";
  return formatters[unit](value);
}

/**
 * A value on the y axis: the same units, shorter where the full form crowds the axis (counts in
 * thousands, no trailing zeros: "2 ms", "1.5%", "100 MiB").
 */
export function formatAxisValue(unit: ValueUnit, value: number): string {
  if (!Number.isFinite(value)) return "";
  if (value === 0) return "0";
  const text = unit === "count" && Math.abs(value) >= 10_000 ? `${formatRate(value / 1000)}k` : formatters[unit](value);
  return text.replace(/(\d)\.(\d*?)0+(?!\d)/g, (_, whole: string, kept: string) => (kept ? `${whole}.${kept}` : whole));
}
