import type { ValueUnit } from "./value-units.ts";

/** The first of 1, 2, 2.5, 5 (times a power of ten) at or above `raw`: steps a reader adds up at a glance. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = [1, 2, 2.5, 5, 10].find((n) => n >= fraction - 1e-9) ?? 10;
  return nice * power;
}

const binaryUnits = new Set<ValueUnit>(["bytes", "bytesPerSecond"]);

/**
 * A y axis from zero to a round top above `maxValue`, with about `targetTicks` steps. Bytes step
 * in round binary units (100 MiB, 2 GiB), as formatBytes writes them, so that no tick reads
 * "81.1 MiB"; counts step by whole numbers.
 */
export function valueAxis(maxValue: number, unit: ValueUnit, targetTicks = 4): { top: number; ticks: number[] } {
  const max = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 1;
  let scale = 1;
  if (binaryUnits.has(unit)) while (max / scale >= 1024) scale *= 1024;
  let step = niceStep(max / scale / targetTicks) * scale;
  if (unit === "count") step = Math.max(1, Math.round(step));
  const steps = Math.max(1, Math.ceil(max / step - 1e-9));
  const ticks = Array.from({ length: steps + 1 }, (_, i) => i * step);
  return { top: steps * step, ticks };
}

/** The largest value a chart draws, its limit line included. */
export function maxValueOf(lines: ReadonlyArray<{ values: ReadonlyArray<number | null> }>, limit?: number): number {
  let max = limit ?? 0;
  for (const line of lines) for (const value of line.values) if (value !== null && value > max) max = value;
  return max;
}
