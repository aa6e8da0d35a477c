import type { FlameGraph } from "@fleetdeck/core";
import {
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTheme } from "../../../lib/theme-store.ts";
import { FrameTooltip } from "./FrameTooltip.tsx";
import { colourFrames } from "./flame-colours.ts";
import { drawFlameFrames, LabelWidths, labelFont } from "./flame-draw.ts";
import { frameAt } from "./flame-hit-test.ts";
import { flameKeyAction } from "./flame-keyboard.ts";
import {
  computeFlameLayout,
  contentHeightPx,
  type FlameOrientation,
  type FlameViewport,
  frameRowPx,
  maxScrollPx,
  visibleFrames,
  windowOfNode,
} from "./flame-layout.ts";
import { frameAnnouncement } from "./frame-facts.ts";

interface FlameGraphCanvasProps {
  graph: FlameGraph;
  /** The frame that fills the width; 0 shows the whole graph. */
  zoomNode: number;
  orientation: FlameOrientation;
  /** Frames to keep in colour while the rest are greyed (search matches, a chosen function). */
  highlight: Uint8Array | null;
  /** The canvas's accessible name: what the graph shows. */
  label: string;
  onZoom: (node: number) => void;
  onZoomOut: () => void;
  /** The frame under the pointer changed (-1: none), e.g. to highlight its row in a table. */
  onHoverFrame?: (node: number) => void;
  onFocusSearch?: () => void;
  /** The tallest the canvas grows before its rows scroll. */
  maxHeightPx?: number;
}

const flameDrawMeasure = "fleetdeck:flame-draw";

/** Tooltip offset from the pointer, so the pointer does not cover it. */
const tooltipOffsetPx = 14;

/**
 * A flame graph on one canvas: sized to its container (× devicePixelRatio), drawing only visible
 * frames batched by colour. Click zooms, the wheel scrolls rows when they overflow, the arrows move
 * a selection that a live region announces, Enter zooms into it and Escape zooms out.
 */
export function FlameGraphCanvas(props: FlameGraphCanvasProps) {
  const { graph, zoomNode, orientation, highlight, label, maxHeightPx = 560 } = props;
  const { theme } = useTheme();
  const helpId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const widthPx = useContainerWidth(containerRef);
  const layout = useMemo(() => computeFlameLayout(graph), [graph]);
  const colouring = useMemo(() => colourFrames(graph, theme, highlight), [graph, theme, highlight]);
  const widths = useMemo(() => createLabelWidths(), []);
  const heightPx = Math.max(frameRowPx, Math.min(maxHeightPx, contentHeightPx(layout)));
  const scrollLimit = maxScrollPx(layout, heightPx);

  // Node indices belong to one graph: selection and hover reset with it.
  const [selection, setSelection] = useState<{ graph: FlameGraph; node: number } | null>(null);
  const [hover, setHover] = useState<{ graph: FlameGraph; node: number; x: number; y: number } | null>(null);
  const selected = selection?.graph === graph ? selection.node : null;
  const hovered = hover?.graph === graph ? hover : null;

  // A zoom brings the zoomed frame's row (and one ancestor) into view.
  const zoomDepth = layout.depth[zoomNode] ?? 0;
  const [scroll, setScroll] = useState({ key: "", px: 0 });
  const scrollKey = `${zoomNode}:${zoomDepth}:${layout.depth.length}`;
  const scrollPx =
    scroll.key === scrollKey ? scroll.px : Math.min(scrollLimit, Math.max(0, (zoomDepth - 1) * frameRowPx));

  const viewport: FlameViewport = useMemo(
    () => ({ widthPx, heightPx, ...windowOfNode(layout, zoomNode), scrollPx, orientation }),
    [widthPx, heightPx, layout, zoomNode, scrollPx, orientation],
  );

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx || widthPx === 0) return;
    const drawStartMs = performance.now();
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(widthPx * ratio);
    canvas.height = Math.round(heightPx * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const outlined = [selected, hovered?.node].filter((node): node is number => node !== null && node !== undefined);
    drawFlameFrames(ctx, graph, visibleFrames(graph, layout, viewport), {
      widthPx,
      heightPx,
      colouring,
      widths,
      outlined,
      outlineColour: getComputedStyle(canvas).getPropertyValue("--focus").trim() || "#58a6ff",
    });
    // For the flame graph benchmark (bench/profiles), which observes these; one entry kept.
    performance.clearMeasures(flameDrawMeasure);
    performance.measure(flameDrawMeasure, { start: drawStartMs });
  }, [graph, layout, viewport, colouring, widths, selected, hovered?.node, widthPx, heightPx]);

  // The wheel scrolls rows only while there is somewhere to go, so the page scrolls past the ends.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || scrollLimit === 0) return;
    const onWheel = (event: WheelEvent) => {
      const towardsRoot = orientation === "icicle" ? -event.deltaY : event.deltaY;
      const next = Math.min(scrollLimit, Math.max(0, scrollPx - towardsRoot));
      if (next === scrollPx) return;
      event.preventDefault();
      setScroll({ key: scrollKey, px: next });
    };
    canvas.addEventListener("wheel", onWheel, { passive: false });
    return () => canvas.removeEventListener("wheel", onWheel);
  }, [orientation, scrollLimit, scrollPx, scrollKey]);

  const pointAt = (event: MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    return { x, y, node: frameAt(layout, viewport, x, y) };
  };

  const onMouseMove = (event: MouseEvent<HTMLCanvasElement>) => {
    const point = pointAt(event);
    if (point.node !== (hovered?.node ?? -1)) props.onHoverFrame?.(point.node);
    setHover(point.node < 0 ? null : { graph, ...point });
  };

  const onMouseLeave = () => {
    if (hovered) props.onHoverFrame?.(-1);
    setHover(null);
  };

  const onClick = (event: MouseEvent<HTMLCanvasElement>) => {
    const { node } = pointAt(event);
    if (node < 0) return;
    // The frames move under the pointer: its tooltip would describe the wrong one until it moves.
    setHover(null);
    props.onZoom(node);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const action = flameKeyAction(event.key, graph, { selected, zoomNode, orientation });
    if (action === null) return;
    event.preventDefault();
    if (action.type === "select") setSelection({ graph, node: action.node });
    else if (action.type === "zoom") props.onZoom(action.node);
    else if (action.type === "zoomOut") props.onZoomOut();
    else props.onFocusSearch?.();
  };

  return (
    <div className="flame" ref={containerRef}>
      <canvas
        ref={canvasRef}
        className="flame__canvas"
        style={{ height: `${heightPx}px` }}
        role="img"
        aria-label={label}
        aria-describedby={helpId}
        tabIndex={0}
        onMouseMove={onMouseMove}
        onMouseLeave={onMouseLeave}
        onClick={onClick}
        onKeyDown={onKeyDown}
      />
      {hovered ? (
        <FrameTooltip
          graph={graph}
          node={hovered.node}
          style={tooltipPosition(hovered.x, hovered.y, widthPx, heightPx)}
        />
      ) : null}
      <p className="visually-hidden" id={helpId}>
        Arrow keys move between frames, Enter zooms into the selected frame, Escape zooms out, / goes to search.
      </p>
      <p className="visually-hidden" aria-live="polite">
        {selected === null ? "" : `Selected ${frameAnnouncement(graph, selected)}`}
      </p>
    </div>
  );
}

/** Right of and below the pointer, flipped to the other side near the right and bottom edges. */
function tooltipPosition(x: number, y: number, widthPx: number, heightPx: number) {
  const style: Record<string, string> = {};
  if (x > widthPx * 0.6) style.right = `${widthPx - x + tooltipOffsetPx}px`;
  else style.left = `${x + tooltipOffsetPx}px`;
  if (y > heightPx * 0.6) style.bottom = `${heightPx - y + tooltipOffsetPx}px`;
  else style.top = `${y + tooltipOffsetPx}px`;
  return style;
}

function createLabelWidths(): LabelWidths {
  const ctx = document.createElement("canvas").getContext("2d");
  if (ctx) ctx.font = labelFont;
  // Without a 2D context (never in a real browser) a rough average letter width keeps labels sane.
  return new LabelWidths((text) => (ctx ? ctx.measureText(text).width : text.length * 7));
}

/** The container's width in CSS pixels, following resizes. */
function useContainerWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
