import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { failingSources } from "../../components/source-status.ts";
import { lastGoodKeeper } from "../../lib/keep-last-good.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { type GcLeaderboardSearch, leaderboardQueryOf } from "./gc-leaderboard-search.ts";
import { pollingConnection } from "./polling-connection.ts";

/** The leaderboard is a snapshot of the fleet's latest samples; it is asked again on this beat. */
const leaderboardRefreshMs = 10_000;

const keepLastGoodLeaderboard = lastGoodKeeper("leaderboard");

/**
 * One page of the GC leaderboard for the view in the URL, refreshed live. While a new view loads
 * the previous rows stay on screen, and when no source answers the last good rows stay beside
 * the failing sources' banners.
 */
export function useGcLeaderboard(search: GcLeaderboardSearch) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.gc.leaderboard.queryOptions(leaderboardQueryOf(search), {
      refetchInterval: leaderboardRefreshMs,
      placeholderData: keepPreviousData,
      structuralSharing: keepLastGoodLeaderboard.share,
    }),
  );
  const degraded = query.data ? failingSources(query.data.sources).length > 0 : false;
  return { query, degraded, connection: pollingConnection(query.error, { paused: false }) };
}
