/** ISO 8601 in UTC keeps the millisecond exactly and reads the same on both engines. */
export function timestampOf(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new Error(`${epochMs} is not a time in epoch milliseconds`);
  return new Date(epochMs).toISOString();
}

/** For nullable columns: null stays null. */
export function nullableTimestampOf(epochMs: number | null | undefined): string | null {
  return epochMs === null || epochMs === undefined ? null : timestampOf(epochMs);
}
