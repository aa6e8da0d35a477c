import { skipToken, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { RouterOutputs } from "../../lib/api-types.ts";
import { useTRPC } from "../../lib/trpc.ts";
import type { AuditQueryFilters } from "./audit-search.ts";

export type AuditEntry = RouterOutputs["audit"]["list"]["entries"][number];
export type AuditFacets = RouterOutputs["audit"]["facets"];

const auditPageSize = 50;

/**
 * The entries matching `filters`, newest first, a page at a time ("Load older" fetches the next
 * page by the last one's nextBeforeId). Null filters (a range the page refuses) ask nothing.
 */
export function useAuditLog(filters: AuditQueryFilters | null) {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(filters === null ? skipToken : { ...filters, limit: auditPageSize }, {
      getNextPageParam: (page) => page.nextBeforeId,
    }),
  );
}

/** The actors, actions and entity types the log holds, to suggest in the filter fields. */
export function useAuditFacets() {
  const trpc = useTRPC();
  return useQuery(trpc.audit.facets.queryOptions(undefined, { staleTime: 60_000 }));
}

/**
 * When the filters were last chosen: a preset such as "last hour" counts back from it. It moves
 * only when the filters do, so the query (and its pages) stay put while the person reads, and
 * entries written since still show because presets have no end.
 */
export function useFilterChosenAtMs(filtersKey: string): number {
  const [chosen, setChosen] = useState(() => ({ filtersKey, atMs: Date.now() }));
  if (chosen.filtersKey === filtersKey) return chosen.atMs;
  // Adjusting state while rendering, as React documents for values derived from changed props.
  const next = { filtersKey, atMs: Date.now() };
  setChosen(next);
  return next.atMs;
}
