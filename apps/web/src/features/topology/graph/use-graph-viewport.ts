import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef } from "react";
import { boundsOfNodes } from "./graph-hit-test.ts";
import { NodeRole, neighbourhoodOf } from "./graph-neighbourhood.ts";
import { fitRect, fitViewport, type Viewport, type WorldRect } from "./graph-viewport.ts";
import type { LaidOutGraph } from "./use-graph-layout.ts";

export interface FlyRequest {
  nodeId: string;
  /** A new serial flies again to the same node. */
  serial: number;
}

interface GraphViewportOptions {
  /** The canvas's view, which its frames read. */
  viewport: RefObject<Viewport | null>;
  laidOut: LaidOutGraph;
  size: { width: number; height: number };
  /** When this changes the view fits the whole graph again (another region); otherwise it stays put. */
  fitKey: string;
  flyTo: FlyRequest | null;
  /** Schedules a frame: called whenever the view changes. */
  requestDraw: () => void;
}

/**
 * Where the canvas looks, kept in a ref (a drag changes it sixty times a second without a React
 * render). The canvas frames the whole graph at first and for another region, and a service's
 * neighbourhood when one is flown to; until the user moves the view, a resize (the side panel
 * opening) frames the same again. Refreshes, and new structures of the same scope, keep the view.
 */
export function useGraphViewport({ viewport, laidOut, size, fitKey, flyTo, requestDraw }: GraphViewportOptions): {
  /** A view the user asked for: drag, wheel, keys, zoom buttons. */
  setView: (next: Viewport) => void;
  /** The whole graph in view, kept framed through resizes until the user moves it. */
  fitWhole: () => void;
} {
  const { graph, structure, layout } = laidOut;
  const fittedFor = useRef<string | null>(null);
  const autoFrame = useRef<WorldRect | "whole" | null>(null);
  const movedByUser = useRef(false);

  const setView = useCallback(
    (next: Viewport) => {
      viewport.current = next;
      movedByUser.current = true;
      requestDraw();
    },
    [viewport, requestDraw],
  );

  const frame = useCallback(
    (target: WorldRect | "whole") => {
      autoFrame.current = target;
      movedByUser.current = false;
      viewport.current =
        target === "whole"
          ? fitViewport(layout.widthPx, layout.heightPx, size.width, size.height)
          : fitRect(target, size.width, size.height);
      requestDraw();
    },
    [viewport, layout, size.width, size.height, requestDraw],
  );

  useLayoutEffect(() => {
    if (size.width === 0) return;
    if (viewport.current === null || fittedFor.current !== fitKey) {
      fittedFor.current = fitKey;
      frame("whole");
    } else if (!movedByUser.current && autoFrame.current !== null) {
      frame(autoFrame.current);
    } else {
      requestDraw();
    }
  }, [viewport, fitKey, size.width, frame, requestDraw]);

  const flown = useRef<number | null>(null);
  useEffect(() => {
    if (!flyTo || flown.current === flyTo.serial || !viewport.current || size.width === 0) return;
    const index = graph.nodes.findIndex((node) => node.id === flyTo.nodeId);
    if (index < 0) return;
    flown.current = flyTo.serial;
    // The service with everything up- and downstream of it, as large as fits (at most 1:1).
    const hood = neighbourhoodOf(structure, index);
    const members = [...hood.nodeRole.keys()].filter((node) => hood.nodeRole[node] !== NodeRole.dimmed);
    const rect = boundsOfNodes(layout, members);
    if (rect) frame(rect);
  }, [viewport, flyTo, graph, structure, layout, size.width, frame]);

  return { setView, fitWhole: useCallback(() => frame("whole"), [frame]) };
}
