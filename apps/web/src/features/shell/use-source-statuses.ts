import { useQuery } from "@tanstack/react-query";
import { latestSourceStatuses } from "../../components/source-status.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useOverviewQueryOptions } from "../overview/use-fleet-overview.ts";

const pollMs = 10_000;

/**
 * The freshest status of every control-plane source: `sources.status` polled every 10 s, merged
 * with the statuses carried by the latest overview answer (pushed live while the overview is open).
 * The overview observer never fetches; it only reads what another page already has.
 */
export function useSourceStatuses() {
  const trpc = useTRPC();
  const polled = useQuery(trpc.sources.status.queryOptions(undefined, { refetchInterval: pollMs }));
  const overview = useQuery(useOverviewQueryOptions({ enabled: false }));
  return latestSourceStatuses(polled.data, overview.data?.sources);
}
