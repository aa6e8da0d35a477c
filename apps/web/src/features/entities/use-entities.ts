import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import { useFleetCatalog } from "../catalog/use-fleet-catalog.ts";
import { useLiveFleetOverview, useRegionMissing } from "../overview/use-fleet-overview.ts";

/** Entity pages are not pushed live; they refresh on this beat instead. */
const refreshMs = 10_000;

/** One service with its instances (each with its latest GC sample and health) and its call edges. */
export function useServiceDetail(serviceId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.fleet.service.queryOptions({ serviceId }, { refetchInterval: refreshMs }));
}

/** One instance with its placement, runtime config and latest GC sample. */
export function useInstanceDetail(instanceId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.fleet.instance.queryOptions({ instanceId }, { refetchInterval: refreshMs }));
}

/**
 * One region: its own overview (totals and leaderboards), pushed live like the fleet's, and the
 * catalog for what runs there. Once the fleet is known to lack the region, nothing more is asked.
 */
export function useRegionDetail(regionId: string) {
  const catalog = useFleetCatalog();
  const missing = useRegionMissing(regionId, catalog.data?.catalog);
  return { ...useLiveFleetOverview(regionId, { enabled: !missing }), catalog, missing };
}
