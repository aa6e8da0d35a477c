import type { SourceStatus } from "../lib/api-types.ts";

/** When a source last reported anything: its newest success or failure. */
function reportedAtMs(status: SourceStatus): number {
  return Math.max(status.lastOkAtMs ?? Number.NEGATIVE_INFINITY, status.lastErrorAtMs ?? Number.NEGATIVE_INFINITY);
}

/**
 * Several answers carry source statuses (the polled `sources.status`, the live overview, …).
 * Per source keep the freshest report; on a tie the later list wins, so pass lists oldest first.
 */
export function latestSourceStatuses(...lists: ReadonlyArray<readonly SourceStatus[] | undefined>): SourceStatus[] {
  const bySource = new Map<string, SourceStatus>();
  for (const list of lists) {
    for (const status of list ?? []) {
      const known = bySource.get(status.sourceId);
      if (!known || reportedAtMs(status) >= reportedAtMs(known)) bySource.set(status.sourceId, status);
    }
  }
  return [...bySource.values()];
}

export function failingSources(statuses: readonly SourceStatus[]): SourceStatus[] {
  return statuses.filter((status) => !status.ok);
}

/** `Source "demo" is failing: timed out. Last good data: 14:03:27` (or "never"). */
export function describeSourceFailure(status: SourceStatus, formatTime: (ms: number) => string): string {
  const lastGood = status.lastOkAtMs === null ? "never" : formatTime(status.lastOkAtMs);
  const reason = status.error ?? "no answer";
  return `Source "${status.sourceId}" is failing: ${reason}. Last good data: ${lastGood}`;
}
