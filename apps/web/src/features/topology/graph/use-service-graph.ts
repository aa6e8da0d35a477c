import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "../../../lib/trpc.ts";
import { graphMarks } from "./graph-marks.ts";

/** The graph is refreshed on this beat; a refresh that keeps its shape keeps the layout and the view. */
const refreshMs = 5_000;

/** The whole fleet's service graph, or one region's. */
export function useServiceGraph(regionId: string | undefined) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.topology.serviceGraph.queryOptions({ regionId: regionId ?? null }, { refetchInterval: refreshMs }),
  );
  const atMs = query.data?.atMs;
  useEffect(() => {
    if (atMs !== undefined) performance.mark(graphMarks.data, { detail: { atMs } });
  }, [atMs]);
  return query;
}
