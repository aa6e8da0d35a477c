import { useQuery } from "@tanstack/react-query";
import { latestSourceStatuses } from "../../components/source-status.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useCatalogQueryOptions } from "../catalog/use-fleet-catalog.ts";
import { useOverviewQueryOptions } from "../overview/use-fleet-overview.ts";

const pollMs = 10_000;

/**
 * The freshest status of every control-plane source: `sources.status` polled every 10 s, merged
 * with the statuses carried by the latest catalog and fleet-wide overview answers (the overview is
 * pushed live while the unfiltered overview is open). Those two observers never fetch; they only
 * read what another page already has.
 */
export function useSourceStatuses() {
  const trpc = useTRPC();
  const polled = useQuery(trpc.sources.status.queryOptions(undefined, { refetchInterval: pollMs }));
  const catalog = useQuery(useCatalogQueryOptions({ enabled: false }));
  const overview = useQuery(useOverviewQueryOptions(undefined, { enabled: false }));
  return latestSourceStatuses(polled.data, catalog.data?.sources, overview.data?.sources);
}
