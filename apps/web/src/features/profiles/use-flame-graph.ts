import type { FlameGraph } from "@fleetdeck/core";
import { keepPreviousData, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import type { QueryLike } from "../../components/QueryState.tsx";
import { findNodeByPath, pickZoomSource } from "./flame/flame-zoom.ts";
import { fetchFlameGraph } from "./profile-requests.ts";

const flameDataMark = "fleetdeck:flame-data";

/**
 * A flame graph wire by its URL, which holds every parameter (profile, sample type, inverted,
 * focus, hide, path). Stored profiles never change, so a fetched graph stays fresh.
 */
export function flameGraphQueryOptions(url: string) {
  return queryOptions({
    queryKey: ["profiles", "flame-graph", url],
    queryFn: async ({ signal }) => {
      const graph = await fetchFlameGraph(url, signal);
      // For the flame graph benchmark (bench/profiles): when decoded data is ready to draw. One entry kept.
      performance.clearMarks(flameDataMark);
      performance.mark(flameDataMark);
      return graph;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export interface ZoomedFlameGraph {
  /** The query state to show (loading, error), with the graph to draw as its data. */
  query: QueryLike<FlameGraph>;
  /** The zoomed frame in that graph. */
  zoomNode: number;
  /** Another graph is on screen (trimmed, or the previous one) while the one asked for loads. */
  loadingDetail: boolean;
}

/**
 * The graph to draw for a zoom path: a zoom inside a graph already loaded only moves the view; a
 * zoom into a trimmed subtree fetches it at full detail, drawing the trimmed one meanwhile.
 */
export function useZoomedFlameGraph(urlForPath: (path: readonly string[]) => string, zoomPath: readonly string[]) {
  const queryClient = useQueryClient();
  const cached = (path: readonly string[]) =>
    queryClient.getQueryData(flameGraphQueryOptions(urlForPath(path)).queryKey);
  const source = pickZoomSource(zoomPath, cached);
  // The previous graph stays on screen while another loads, so the canvas (and its focus) stays.
  const query = useQuery({
    ...flameGraphQueryOptions(urlForPath(source.fetchPath)),
    placeholderData: keepPreviousData,
  });
  const loaded = query.isPlaceholderData ? undefined : query.data;
  const stopgap = source.stopgap ? cached(source.stopgap.fetchPath) : undefined;
  let graph: FlameGraph | undefined;
  let zoomNode = 0;
  if (loaded) {
    graph = loaded;
    zoomNode = source.node >= 0 ? source.node : Math.max(0, findNodeByPath(loaded, zoomPath));
  } else if (stopgap && source.stopgap) {
    graph = stopgap;
    zoomNode = source.stopgap.node;
  } else if (query.data) {
    graph = query.data;
    zoomNode = Math.max(0, findNodeByPath(query.data, zoomPath));
  }
  const shown: QueryLike<FlameGraph> = {
    data: graph,
    error: query.error,
    isPending: query.isPending && !graph,
    isFetching: query.isFetching,
    dataUpdatedAt: query.dataUpdatedAt,
    refetch: query.refetch,
  };
  return { query: shown, zoomNode, loadingDetail: graph !== undefined && !loaded } satisfies ZoomedFlameGraph;
}

/** A graph that is not zoomed by path (the sandwich halves). */
export function useFlameGraph(url: string) {
  return useQuery(flameGraphQueryOptions(url));
}
