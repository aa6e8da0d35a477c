import { formatBytes, formatCount, formatPercent, formatSeconds } from "../../lib/format.ts";

/** Time units pprof profiles use, in seconds. */
const secondsPerUnit: Record<string, number> = {
  nanoseconds: 1e-9,
  microseconds: 1e-6,
  milliseconds: 1e-3,
  seconds: 1,
};

/**
 * A sample value in its profile's unit, read by a person: CPU and delay nanoseconds as µs/ms/s,
 * bytes as KiB/MiB, counts as plain numbers. An unknown unit is shown by name.
 */
export function formatSampleValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return "—";
  const toSeconds = secondsPerUnit[unit];
  if (toSeconds !== undefined) {
    const seconds = value * toSeconds;
    if (seconds !== 0 && Math.abs(seconds) < 1e-6) return `${formatCount(seconds * 1e9)} ns`;
    return formatSeconds(seconds);
  }
  if (unit === "bytes") return formatBytes(value);
  if (unit === "count" || unit === "") return formatCount(value);
  return `${formatCount(value)} ${unit}`;
}

/** A change between two profiles: "+1.5 ms", "−3.0 MiB", "±0". */
export function formatSampleChange(change: number, unit: string): string {
  if (change === 0) return `±${formatSampleValue(0, unit)}`;
  return `${change > 0 ? "+" : "−"}${formatSampleValue(Math.abs(change), unit)}`;
}

/** A share of the whole profile: "12.3%", and "<0.1%" rather than a misleading "0.0%". */
export function formatShare(ratio: number): string {
  if (ratio > 0 && ratio < 0.0005) return "<0.1%";
  if (ratio < 0 && ratio > -0.0005) return ">−0.1%";
  return formatPercent(ratio);
}

/** A signed share of the profile, for diffs: "+4.2%", "−0.8%". */
export function formatShareChange(ratio: number): string {
  if (ratio === 0) return "±0.0%";
  return `${ratio > 0 ? "+" : "−"}${formatShare(Math.abs(ratio))}`;
}
