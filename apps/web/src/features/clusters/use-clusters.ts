import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "../../lib/trpc.ts";
import { isClientError } from "../../lib/trpc-errors.ts";
import { describeLiveConnection } from "../overview/live-connection.ts";

/** The clusters table is not pushed; it refreshes on this beat. */
const listRefreshMs = 10_000;
/** While the live feed is down, poll the cluster this often so the page still moves. */
const fallbackPollMs = 10_000;

/** Every cluster's detail and the sources that could not be read. */
export function useClusters() {
  const trpc = useTRPC();
  return useQuery(trpc.topology.clusters.queryOptions(undefined, { refetchInterval: listRefreshMs }));
}

/**
 * One cluster, kept current by the `topology.clusterLive` subscription: every pushed detail
 * replaces the `topology.cluster` query's data, which is polled only while the feed is down. Once
 * the server says there is no such cluster, nothing more is asked.
 */
export function useLiveCluster(clusterId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { clusterId };
  const clusterKey = trpc.topology.cluster.queryKey(input);
  // Read without subscribing: the query below re-renders this hook when its error changes.
  const missing = isClientError(queryClient.getQueryState(clusterKey)?.error);

  const live = useSubscription(
    trpc.topology.clusterLive.subscriptionOptions(missing ? skipToken : input, {
      onData: (event) => queryClient.setQueryData(clusterKey, event.data),
    }),
  );
  const connection = describeLiveConnection(live.status, live.error?.message ?? null);
  const query = useQuery(
    trpc.topology.cluster.queryOptions(input, {
      refetchInterval: connection.live || missing ? false : fallbackPollMs,
    }),
  );
  return { query, connection, missing: missing || isClientError(query.error) };
}
