import { formatBytes } from "../../lib/format.ts";

/**
 * Heap in use, goal and limit in one short text: "3.0 / 4.7 / 8.0 GiB" when all three read in the
 * same unit, each with its own otherwise ("577 MiB / 772 MiB / 1.0 GiB", "2.6 GiB / 3.6 GiB / no limit").
 */
export function heapAgainstLimitText(inUseBytes: number, goalBytes: number | null, limitBytes: number | null): string {
  const parts = [
    formatBytes(inUseBytes),
    goalBytes === null ? "no goal" : formatBytes(goalBytes),
    limitBytes === null ? "no limit" : formatBytes(limitBytes),
  ];
  const split = parts.map((part) => /^(-?[\d.]+) (\S+)$/.exec(part));
  const unit = split[0]?.[2];
  if (split.every((match) => match !== null && match[2] === unit)) {
    return `${split.map((match) => match?.[1]).join(" / ")} ${unit}`;
  }
  return parts.join(" / ");
}

/** Where the bar's fill (heap in use) and tick (goal) sit, as shares of the limit; null without a limit. */
export function shareOfLimit(bytes: number | null, limitBytes: number | null): number | null {
  if (bytes === null || limitBytes === null || !(limitBytes > 0)) return null;
  return Math.min(1, Math.max(0, bytes / limitBytes));
}
