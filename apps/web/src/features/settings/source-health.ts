import type { SourceDescription } from "../../lib/api-types.ts";

/** "ok", "failing" or "not asked yet": a source nobody has read since start-up has no outcome. */
export type SourceHealth = "ok" | "failing" | "unknown";

export function sourceHealthOf(source: SourceDescription): SourceHealth {
  if (!source.ok) return "failing";
  return source.lastOkAtMs === null ? "unknown" : "ok";
}

/** "3 warnings (first 20 listed)" when the server listed fewer than there are. */
export function warningsHeading(source: SourceDescription): string {
  const noun = source.warningCount === 1 ? "warning" : "warnings";
  const listed = source.warnings.length < source.warningCount ? ` (first ${source.warnings.length} listed)` : "";
  return `${source.warningCount} inventory ${noun}${listed}`;
}
