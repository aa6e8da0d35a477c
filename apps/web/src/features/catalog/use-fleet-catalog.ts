import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import { shareCatalogAnswer } from "./keep-last-good-catalog.ts";

/**
 * Every region, cluster and service of the fleet (`fleet.catalog`): no metrics, so it is cheap,
 * and the inventory changes rarely, so the default freshness is enough.
 */
export function useFleetCatalog() {
  return useQuery(useCatalogQueryOptions());
}

/** The catalog query as every reader asks for it, so each one keeps the last good catalog. */
export function useCatalogQueryOptions(options: { enabled?: boolean } = {}) {
  const trpc = useTRPC();
  return trpc.fleet.catalog.queryOptions(undefined, { ...options, structuralSharing: shareCatalogAnswer });
}
