import type { ServiceGraph } from "@fleetdeck/core";
import { useEffect, useMemo, useRef, useState } from "react";
import type { GraphLayout } from "./graph-layout.ts";
import { GraphLayoutClient } from "./graph-layout-client.ts";
import { type GraphStructure, graphStructureOf } from "./graph-structure.ts";

let sharedClient: GraphLayoutClient | null = null;

/** One worker and one layout cache for the page's lifetime: a tab or region visited again lays out at once. */
function layoutClient(): GraphLayoutClient {
  sharedClient ??= new GraphLayoutClient(
    () =>
      new Worker(new URL("./graph-layout.worker.ts", import.meta.url), {
        type: "module",
        name: "service-graph-layout",
      }),
  );
  return sharedClient;
}

/** Starts the layout worker ahead of the first layout, e.g. while the graph is being fetched. */
export function usePreparedLayoutWorker(): void {
  useEffect(() => layoutClient().prepare(), []);
}

/** A graph with the layout of its structure: what the canvas draws. */
export interface LaidOutGraph {
  graph: ServiceGraph;
  structure: GraphStructure;
  layout: GraphLayout;
}

/**
 * The newest graph that has its layout. A refresh that keeps the structure (only traffic moved)
 * is drawn at once with the same layout; a new structure is laid out in the worker while the last
 * laid-out graph stays on screen, so nothing jumps or blanks in between.
 */
export function useGraphLayout(graph: ServiceGraph | undefined): {
  shown: LaidOutGraph | null;
  laying: boolean;
  error: string | null;
} {
  const structure = useStableStructure(graph);
  const [ready, setReady] = useState<{ key: string; layout: GraphLayout } | null>(null);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const lastShown = useRef<LaidOutGraph | null>(null);

  useEffect(() => {
    if (!structure) return;
    let current = true;
    layoutClient()
      .layout(structure)
      .then(
        (answer) => current && setReady({ key: structure.key, layout: answer.layout }),
        (failure: unknown) =>
          current &&
          setError({ key: structure.key, message: failure instanceof Error ? failure.message : String(failure) }),
      );
    return () => {
      current = false;
    };
  }, [structure]);

  let shown = lastShown.current;
  if (graph && structure && ready?.key === structure.key) {
    shown =
      shown?.graph === graph && shown.layout === ready.layout ? shown : { graph, structure, layout: ready.layout };
    lastShown.current = shown;
  }
  return {
    shown,
    laying: structure !== null && ready?.key !== structure.key && error?.key !== structure.key,
    error: structure && error?.key === structure.key ? error.message : null,
  };
}

/** The graph's structure, the same object for as long as its key stays: refreshes do not re-trigger a layout. */
function useStableStructure(graph: ServiceGraph | undefined): GraphStructure | null {
  const previous = useRef<GraphStructure | null>(null);
  return useMemo(() => {
    if (!graph) return null;
    const next = graphStructureOf(graph);
    if (previous.current?.key === next.key) return previous.current;
    previous.current = next;
    return next;
  }, [graph]);
}
