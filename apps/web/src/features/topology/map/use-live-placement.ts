import type { PlacementSnapshot } from "@fleetdeck/core";
import { hashKey, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect } from "react";
import { useTRPC } from "../../../lib/trpc.ts";
import { describeLiveConnection } from "../../overview/live-connection.ts";
import { keepLastGoodPlacement } from "./keep-last-good-placement.ts";

/** While the live feed is down, poll this often so the map still moves. */
const fallbackPollMs = 15_000;

/** Marked once per page when the first placement reaches the page (the map benchmark reads it). */
export const placementDataMark = "fleetdeck:placement-data";

/**
 * Every place and instance with its health, kept current by the `topology.placementLive`
 * subscription: every pushed snapshot becomes the `topology.placement` query's data (keeping a
 * failing source's last known instances), so the map updates in place. The feed sends the current
 * snapshot as soon as it connects, so the query itself runs only while the feed cannot deliver
 * (it failed or is reconnecting), polling: at 10,000 instances, reading the placement twice on
 * opening would cost the server a second read and the page a second render.
 */
export function useLivePlacement() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const placementKey = trpc.topology.placement.queryKey();

  const live = useSubscription(
    trpc.topology.placementLive.subscriptionOptions(undefined, {
      onData: (event) =>
        queryClient.setQueryData(placementKey, (previous) => keepLastGoodPlacement(previous, event.data)),
    }),
  );
  const connection = describeLiveConnection(live.status, live.error?.message ?? null);
  const feedFailing = live.status === "error" || live.status === "idle" || live.error !== null;
  const query = useQuery(
    trpc.topology.placement.queryOptions(undefined, {
      enabled: feedFailing,
      refetchInterval: feedFailing ? fallbackPollMs : false,
      // Sharing would walk 10,000 instances per update for nothing: the map rebuilds from each snapshot.
      structuralSharing: (previous, next) =>
        keepLastGoodPlacement(previous as PlacementSnapshot | undefined, next as PlacementSnapshot),
    }),
  );
  useMarkFirstData(hashKey(placementKey));
  return { query, connection };
}

/** Marks the moment the first placement lands in the cache, before React renders it. */
function useMarkFirstData(queryHash: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const cache = queryClient.getQueryCache();
    if (cache.get(queryHash)?.state.data !== undefined) return;
    const unsubscribe = cache.subscribe((event) => {
      if (event.type !== "updated" || event.query.queryHash !== queryHash || event.query.state.data === undefined)
        return;
      performance.mark(placementDataMark);
      unsubscribe();
    });
    return unsubscribe;
  }, [queryClient, queryHash]);
}
