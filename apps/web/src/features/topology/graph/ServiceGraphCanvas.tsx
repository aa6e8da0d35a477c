import {
  type KeyboardEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTheme } from "../../../lib/theme-store.ts";
import { LabelWidths } from "../../profiles/flame/flame-draw.ts";
import { type EdgeColourBy, type GraphPalette, paletteFromStyle } from "./graph-colours.ts";
import { captionFont, drawServiceGraph, titleFont } from "./graph-draw.ts";
import { nodeAt } from "./graph-hit-test.ts";
import { graphMarks } from "./graph-marks.ts";
import { neighbourhoodOf } from "./graph-neighbourhood.ts";
import { nodeCaption, nodeTitle } from "./graph-node-text.ts";
import { buildGraphScene, edgeBoundsOf } from "./graph-scene.ts";
import { panBy, type Viewport, viewportForKey, wheelZoomFactor, zoomAt } from "./graph-viewport.ts";
import { useElementSize } from "./use-element-size.ts";
import type { LaidOutGraph } from "./use-graph-layout.ts";
import { type FlyRequest, useGraphViewport } from "./use-graph-viewport.ts";

interface ServiceGraphCanvasProps {
  laidOut: LaidOutGraph;
  colourBy: EdgeColourBy;
  /** The selected node's id, or null. */
  selectedId: string | null;
  onSelect: (nodeId: string | null) => void;
  /** When this changes the view fits the whole graph again (another region); otherwise it stays put. */
  fitKey: string;
  flyTo: FlyRequest | null;
  /** The canvas's accessible name. */
  label: string;
}

/** A press that moves less than this is a click, not a drag. */
const clickSlopPx = 4;

/**
 * The service graph on one canvas. The view transform lives in a ref and every change (drag,
 * wheel, keys, a fly-to) schedules one animation frame that redraws; React renders only when the
 * data, the colouring, the selection or the hovered node change. Hit-testing walks the layout's
 * boxes, with no element per node.
 */
export function ServiceGraphCanvas(props: ServiceGraphCanvasProps) {
  const { laidOut, colourBy, selectedId, onSelect, fitKey, flyTo, label } = props;
  const { graph, structure, layout } = laidOut;
  const { theme } = useTheme();
  const helpId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(containerRef);
  const viewport = useRef<Viewport | null>(null);
  const [hovered, setHovered] = useState<{ node: number; x: number; y: number } | null>(null);

  const selectedIndex = useMemo(
    () => (selectedId === null ? -1 : graph.nodes.findIndex((node) => node.id === selectedId)),
    [graph, selectedId],
  );
  const neighbourhood = useMemo(
    () => (selectedIndex < 0 ? null : neighbourhoodOf(structure, selectedIndex)),
    [structure, selectedIndex],
  );
  const scene = useMemo(() => buildGraphScene(graph, colourBy, neighbourhood), [graph, colourBy, neighbourhood]);
  const edgeBounds = useMemo(() => edgeBoundsOf(layout), [layout]);
  // The colours come from the theme's custom properties (styles/service-graph.css).
  const [palette, setPalette] = useState<GraphPalette | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a theme change changes the properties read
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const style = getComputedStyle(canvas);
    setPalette(paletteFromStyle((property) => style.getPropertyValue(property).trim() || "#8b949e"));
  }, [theme]);
  const positions = useMemo(() => positionsAttribute(laidOut), [laidOut]);
  const widths = useMemo(() => ({ title: labelWidths(titleFont), caption: labelWidths(captionFont) }), []);

  // The newest of everything a frame needs, read by the frame callback.
  const frameInput = useRef({ laidOut, scene, edgeBounds, palette, hovered: -1, size });
  frameInput.current = { laidOut, scene, edgeBounds, palette, hovered: hovered?.node ?? -1, size };
  const firstFrameFor = useRef<string | null>(null);
  const pendingFrame = useRef(0);

  const drawNow = useCallback(() => {
    pendingFrame.current = 0;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    const input = frameInput.current;
    const view = viewport.current;
    if (!canvas || !ctx || !view || !input.palette || input.size.width === 0) return;
    const startMs = performance.now();
    const ratio = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(input.size.width * ratio);
    const pixelHeight = Math.round(input.size.height * ratio);
    if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
    if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
    drawServiceGraph(ctx, {
      graph: input.laidOut.graph,
      layout: input.laidOut.layout,
      scene: input.scene,
      edgeBounds: input.edgeBounds,
      viewport: view,
      widthPx: input.size.width,
      heightPx: input.size.height,
      pixelRatio: ratio,
      palette: input.palette,
      hovered: input.hovered,
      titleWidths: widths.title,
      captionWidths: widths.caption,
    });
    // For tests and the bench: where the view is, and how long this frame's drawing took.
    containerRef.current?.setAttribute("data-viewport", `${view.scale} ${view.x} ${view.y}`);
    performance.clearMeasures(graphMarks.draw);
    performance.measure(graphMarks.draw, { start: startMs });
    if (firstFrameFor.current !== input.laidOut.layout.key) {
      firstFrameFor.current = input.laidOut.layout.key;
      performance.mark(graphMarks.firstFrame, { detail: { key: input.laidOut.layout.key } });
    }
  }, [widths]);

  const requestDraw = useCallback(() => {
    if (pendingFrame.current === 0) pendingFrame.current = requestAnimationFrame(drawNow);
  }, [drawNow]);
  useEffect(() => () => cancelAnimationFrame(pendingFrame.current), []);
  const { setView, fitWhole } = useGraphViewport({ viewport, laidOut, size, fitKey, flyTo, requestDraw });

  // Anything drawn changed: one frame.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each of these changes what a frame draws
  useEffect(() => requestDraw(), [scene, palette, hovered, laidOut, requestDraw]);

  // The wheel zooms about the pointer; listened to directly, as React's wheel handler is passive.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent) => {
      if (!viewport.current) return;
      event.preventDefault();
      const box = canvas.getBoundingClientRect();
      setView(
        zoomAt(
          viewport.current,
          event.clientX - box.left,
          event.clientY - box.top,
          wheelZoomFactor(event.deltaY, event.deltaMode),
        ),
      );
    };
    canvas.addEventListener("wheel", onWheel, { passive: false });
    return () => canvas.removeEventListener("wheel", onWheel);
  }, [setView]);

  const drag = useRef<{
    pointerId: number;
    startX: number;
    startY: number;
    lastX: number;
    lastY: number;
    moved: boolean;
  } | null>(null);

  const pointIn = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };

  const nodeUnder = (x: number, y: number) => {
    const view = viewport.current;
    if (!view) return -1;
    return nodeAt(layout, (x - view.x) / view.scale, (y - view.y) / view.scale, 3 / view.scale);
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    const { x, y } = pointIn(event);
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointerId: event.pointerId, startX: x, startY: y, lastX: x, lastY: y, moved: false };
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const { x, y } = pointIn(event);
    const dragging = drag.current;
    if (dragging && dragging.pointerId === event.pointerId && viewport.current) {
      if (Math.hypot(x - dragging.startX, y - dragging.startY) > clickSlopPx) dragging.moved = true;
      if (dragging.moved) {
        setView(panBy(viewport.current, x - dragging.lastX, y - dragging.lastY));
        dragging.lastX = x;
        dragging.lastY = y;
        if (hovered) setHovered(null);
        return;
      }
    }
    const node = nodeUnder(x, y);
    if (node !== (hovered?.node ?? -1)) setHovered(node < 0 ? null : { node, x, y });
  };

  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    const dragging = drag.current;
    drag.current = null;
    if (!dragging || dragging.pointerId !== event.pointerId || dragging.moved) return;
    const { x, y } = pointIn(event);
    const node = nodeUnder(x, y);
    onSelect(node < 0 ? null : (graph.nodes[node]?.id ?? null));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const view = viewport.current;
    if (!view) return;
    const next = viewportForKey(event.key, view, size.width, size.height);
    if (event.key === "0") {
      event.preventDefault();
      fitWhole();
    } else if (next) {
      event.preventDefault();
      setView(next);
    } else if (event.key === "Escape" && selectedId !== null) {
      event.preventDefault();
      onSelect(null);
    }
  };

  const hoveredNode = hovered ? graph.nodes[hovered.node] : undefined;
  return (
    <div
      className="service-graph__stage"
      ref={containerRef}
      data-node-count={graph.nodes.length}
      data-edge-count={graph.edges.length}
      data-graph-at={graph.atMs}
      data-layout-key={layout.key}
      data-node-positions={positions}
    >
      <canvas
        ref={canvasRef}
        className="service-graph__canvas"
        role="img"
        aria-label={label}
        aria-describedby={helpId}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = null;
        }}
        onPointerLeave={() => setHovered(null)}
        onKeyDown={onKeyDown}
        style={{ cursor: hoveredNode ? "pointer" : "grab" }}
      />
      <fieldset className="service-graph__zoom">
        <legend className="visually-hidden">Zoom</legend>
        <button
          type="button"
          className="button button--small"
          onClick={() => viewport.current && setView(zoomAt(viewport.current, size.width / 2, size.height / 2, 1.25))}
        >
          Zoom in
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => viewport.current && setView(zoomAt(viewport.current, size.width / 2, size.height / 2, 0.8))}
        >
          Zoom out
        </button>
        <button type="button" className="button button--small" onClick={fitWhole}>
          Fit
        </button>
      </fieldset>
      {hovered && hoveredNode ? (
        <div
          className="service-graph__tooltip"
          role="tooltip"
          style={tooltipPosition(hovered.x, hovered.y, size.width)}
        >
          <p className="service-graph__tooltip-title">{nodeTitle(hoveredNode)}</p>
          <p className="text-muted">{nodeCaption(hoveredNode)}</p>
        </div>
      ) : null}
      <p className="visually-hidden" id={helpId}>
        Drag or use the arrow keys to pan, the wheel or + and − to zoom, 0 to fit. Click a service to select it; Escape
        clears the selection. The table of calls below lists every edge.
      </p>
    </div>
  );
}

/** Node positions rounded to whole pixels, by id: lets tests see that a refresh moved nothing. */
function positionsAttribute({ graph, layout }: LaidOutGraph): string {
  const positions: Record<string, [number, number]> = {};
  graph.nodes.forEach((node, index) => {
    positions[node.id] = [Math.round(layout.nodeX[index] ?? 0), Math.round(layout.nodeY[index] ?? 0)];
  });
  return JSON.stringify(positions);
}

function tooltipPosition(x: number, y: number, widthPx: number) {
  return x > widthPx * 0.6
    ? { right: `${widthPx - x + 14}px`, top: `${y + 14}px` }
    : { left: `${x + 14}px`, top: `${y + 14}px` };
}

function labelWidths(font: string): LabelWidths {
  const ctx = document.createElement("canvas").getContext("2d");
  if (ctx) ctx.font = font;
  return new LabelWidths((text) => (ctx ? ctx.measureText(text).width : text.length * 7));
}
