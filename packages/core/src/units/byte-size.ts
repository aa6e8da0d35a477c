/** Binary units as Go and Kubernetes write them, decimal ones as disks are sold. */
const unitBytes: Record<string, number> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
  KB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
  TB: 1000 ** 4,
};

const sizePattern = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/;

export class UnitParseError extends Error {}

/** Parses "75MiB", "1.5 GiB", "512KB" or a bare byte count. Throws UnitParseError naming the input. */
export function parseByteSize(text: string): number {
  const match = sizePattern.exec(text);
  const unit = match?.[2] === "" ? "B" : match?.[2];
  const factor = unit === undefined ? undefined : unitBytes[unit];
  if (!match || factor === undefined) {
    throw new UnitParseError(
      `"${text}" is not a size: write a number and one of ${Object.keys(unitBytes).join(", ")} (e.g. 75MiB)`,
    );
  }
  return Math.round(Number(match[1]) * factor);
}

/** Parses a per-second rate such as "200MiB/s". */
export function parseByteRate(text: string): number {
  const match = /^(.*)\/s$/.exec(text.trim());
  if (!match?.[1]) throw new UnitParseError(`"${text}" is not a rate: write a size per second (e.g. 200MiB/s)`);
  try {
    return parseByteSize(match[1]);
  } catch {
    throw new UnitParseError(`"${text}" is not a rate: write a size per second (e.g. 200MiB/s)`);
  }
}

/** "149.4 MiB": binary units, one decimal below 100 of a unit. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "unbounded";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let index = 0;
  while (Math.abs(value) >= 1024 && index < units.length - 1) {
    value /= 1024;
    index++;
  }
  const digits = index === 0 || Math.abs(value) >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[index]}`;
}

/** Pause durations read best in µs below a millisecond. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "—";
  if (seconds < 1e-3) return `${(seconds * 1e6).toFixed(0)} µs`;
  if (seconds < 1) return `${(seconds * 1e3).toFixed(seconds < 0.01 ? 2 : 1)} ms`;
  return `${seconds.toFixed(2)} s`;
}
