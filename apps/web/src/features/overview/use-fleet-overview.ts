import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { failingSources } from "../../components/source-status.ts";
import type { FleetCatalog } from "../../lib/api-types.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { isNotFoundError } from "../../lib/trpc-errors.ts";
import { catalogLacksRegion, catalogProblem, regionOptions } from "../catalog/catalog-options.ts";
import { useFleetCatalog } from "../catalog/use-fleet-catalog.ts";
import { keepLastGoodOverview, shareOverviewAnswer } from "./keep-last-good.ts";
import { describeLiveConnection } from "./live-connection.ts";

/** While the live feed is down, poll this often so the page still moves. */
const fallbackPollMs = 15_000;

/**
 * The overview of the whole fleet, or of one region when regionId is given, kept current by the
 * `fleet.overviewLive` subscription. It starts from the `fleet.overview` query for the same input
 * and every pushed answer replaces that query's cached data, so other readers of that overview
 * see the same, newest answer. When no source answers, the last good overview stays on screen
 * beside the failing statuses.
 */
export function useLiveFleetOverview(regionId?: string, { enabled = true }: { enabled?: boolean } = {}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = regionId === undefined ? undefined : { regionId };
  const overviewKey = trpc.fleet.overview.queryKey(input);

  const live = useSubscription(
    trpc.fleet.overviewLive.subscriptionOptions(enabled ? input : skipToken, {
      onData: (event) =>
        queryClient.setQueryData(overviewKey, (previous) => keepLastGoodOverview(previous, event.data)),
    }),
  );
  const connection = describeLiveConnection(live.status, live.error?.message ?? null);

  const query = useQuery(
    useOverviewQueryOptions(regionId, { enabled, refetchInterval: connection.live ? false : fallbackPollMs }),
  );
  const degraded = query.data ? failingSources(query.data.sources).length > 0 : false;
  return { query, connection, degraded };
}

/** The overview query as every reader asks for it, so each one keeps the last good overview. */
export function useOverviewQueryOptions(
  regionId: string | undefined,
  options: { refetchInterval?: number | false; enabled?: boolean } = {},
) {
  const trpc = useTRPC();
  const input = regionId === undefined ? undefined : { regionId };
  return trpc.fleet.overview.queryOptions(input, { ...options, structuralSharing: shareOverviewAnswer });
}

/**
 * Whether the fleet has no such region: the catalog was read without it, or the region's overview
 * answered NOT_FOUND. False for the whole fleet and while neither has answered. It only reads the
 * region's overview from the cache; the live hook is what fetches it.
 */
export function useRegionMissing(regionId: string | undefined, catalog: FleetCatalog | null | undefined): boolean {
  const regionOverview = useQuery(useOverviewQueryOptions(regionId, { enabled: false }));
  if (regionId === undefined) return false;
  return catalogLacksRegion(catalog, regionId) || isNotFoundError(regionOverview.error);
}

/**
 * The overview page's data: the live overview of the region in the URL, or of the whole fleet when
 * there is none or the fleet has no such region (then `unknownRegionId` names it), and every region
 * of the catalog for the filter.
 */
export function useOverviewOfRegion(requestedRegionId: string | undefined) {
  const catalog = useFleetCatalog();
  const missing = useRegionMissing(requestedRegionId, catalog.data?.catalog);
  const regionId = missing ? undefined : requestedRegionId;
  return {
    ...useLiveFleetOverview(regionId),
    regionId,
    unknownRegionId: missing ? (requestedRegionId ?? null) : null,
    regions: regionOptions(catalog.data?.catalog),
    regionsProblem: catalogProblem(catalog),
  };
}
