import { replaceEqualDeep } from "@tanstack/react-query";
import type { OverviewAnswer } from "../../lib/api-types.ts";

export function isOverviewAnswer(value: unknown): value is OverviewAnswer {
  return typeof value === "object" && value !== null && "overview" in value && "sources" in value;
}

/**
 * Degraded, never blank: when no source answers, the server sends `overview: null`. Keep the last
 * overview we had (its `atMs` says how old it is) next to the new, failing source statuses.
 */
export function keepLastGoodOverview(previous: OverviewAnswer | undefined, next: OverviewAnswer): OverviewAnswer {
  if (next.overview !== null || !previous?.overview) return next;
  return { ...next, overview: previous.overview };
}

/** TanStack Query's `structuralSharing` hook for the overview query: keep the last good, then share. */
export function shareOverviewAnswer(previous: unknown, next: unknown): unknown {
  if (!isOverviewAnswer(next)) return next;
  return replaceEqualDeep(previous, keepLastGoodOverview(isOverviewAnswer(previous) ? previous : undefined, next));
}
