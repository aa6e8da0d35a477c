import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import { useFleetCatalog } from "../catalog/use-fleet-catalog.ts";

/**
 * The demo fleet's controls, and the catalog's services to aim a fault at. After any change the
 * fleet views are refreshed: the fleet queries first (answering them makes the server call the
 * sources again), then the source statuses, so an outage shows in the banner at once instead of
 * at the next poll.
 */
export function useDemoFleet() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const state = useQuery(trpc.demo.state.queryOptions());
  const catalog = useFleetCatalog();
  const sources = useQuery(trpc.sources.status.queryOptions());

  const refreshFleetViews = async () => {
    await queryClient.invalidateQueries(trpc.demo.state.queryFilter());
    await queryClient.invalidateQueries(trpc.fleet.pathFilter());
    await queryClient.invalidateQueries(trpc.sources.status.queryFilter());
  };

  const injectFault = useMutation(trpc.demo.injectFault.mutationOptions({ onSettled: refreshFleetViews }));
  const clearFault = useMutation(trpc.demo.clearFault.mutationOptions({ onSettled: refreshFleetViews }));
  const setOutage = useMutation(trpc.demo.setOutage.mutationOptions({ onSettled: refreshFleetViews }));

  const hasDemoSource = sources.data ? sources.data.some((source) => source.kind === "demo") : null;
  return { state, catalog, hasDemoSource, injectFault, clearFault, setOutage };
}
