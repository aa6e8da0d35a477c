import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { failingSources } from "../../components/source-status.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { keepLastGoodOverview, shareOverviewAnswer } from "./keep-last-good.ts";
import { describeLiveConnection } from "./live-connection.ts";

/** While the live feed is down, poll this often so the page still moves. */
const fallbackPollMs = 15_000;

/**
 * The fleet overview, kept current by the `fleet.overviewLive` subscription. It starts from the
 * `fleet.overview` query and every pushed answer replaces that query's cached data, so other
 * readers of the overview (region page, source banner) see the same, newest answer. When no
 * source answers, the last good overview stays on screen beside the failing statuses.
 */
export function useLiveFleetOverview() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overviewKey = trpc.fleet.overview.queryKey();

  const live = useSubscription(
    trpc.fleet.overviewLive.subscriptionOptions(undefined, {
      onData: (event) =>
        queryClient.setQueryData(overviewKey, (previous) => keepLastGoodOverview(previous, event.data)),
    }),
  );
  const connection = describeLiveConnection(live.status, live.error?.message ?? null);

  const query = useQuery(useOverviewQueryOptions({ refetchInterval: connection.live ? false : fallbackPollMs }));
  const degraded = query.data ? failingSources(query.data.sources).length > 0 : false;
  return { query, connection, degraded };
}

/** The overview query as every reader asks for it, so each one keeps the last good overview. */
export function useOverviewQueryOptions(options: { refetchInterval?: number | false; enabled?: boolean } = {}) {
  const trpc = useTRPC();
  return trpc.fleet.overview.queryOptions(undefined, { ...options, structuralSharing: shareOverviewAnswer });
}
