import { defaultHealthPolicy, type HealthLens, type PlacementRollup } from "@fleetdeck/core";
import {
  type KeyboardEvent,
  type PointerEvent,
  type Ref,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTheme } from "../../../lib/theme-store.ts";
import { mapPalette } from "./map-colours.ts";
import { levelOfDetail } from "./map-detail.ts";
import { drawPlacementMap, MapTextWidths, mapFonts, RectBatches } from "./map-draw.ts";
import { describeHit } from "./map-facts.ts";
import { hitSelectionKey, hitTest, type MapHit } from "./map-hit-test.ts";
import { mapKeyAction, wheelZoomFactor, zoomStep } from "./map-keyboard.ts";
import { boundingBox, boxesOfSelection, layoutPlacement, type MapLayout, sameStructure } from "./map-layout.ts";
import {
  describeView,
  fitTransform,
  flightFrame,
  keepMapInSight,
  panBy,
  scaleLimits,
  toWorld,
  type Viewport,
  type ViewTransform,
  zoomAround,
} from "./map-view.ts";

/** What the page can ask of the map beyond its props. */
export interface PlacementCanvasHandle {
  /** Moves the view to an entity (animated); false when the map does not show it. */
  flyTo(selectionKey: string): boolean;
}

interface PlacementCanvasProps {
  rollup: PlacementRollup;
  lens: HealthLens;
  selectionKey: string | null;
  /** A new value refits the whole map (the filters changed); a live update keeps the view. */
  fitKey: string;
  onSelect: (selectionKey: string | null) => void;
  /** Double click or Enter: open what was hit (an instance's GC charts). */
  onOpen: (hit: MapHit) => void;
  /** The canvas's accessible name. */
  label: string;
  ref?: Ref<PlacementCanvasHandle>;
}

/**
 * Performance entries the map benchmark (bench/topology) reads: draws in animation frames (pan,
 * zoom, hover, fly-to) apart from draws for new data or settings, and the first frame with data.
 */
export const placementFrameDrawMeasure = "fleetdeck:placement-frame-draw";
export const placementRenderDrawMeasure = "fleetdeck:placement-render-draw";
export const placementFirstFrameMark = "fleetdeck:placement-first-frame";

/** A press that moves less than this is a click, not a drag. */
const dragThresholdPx = 4;
const flightMs = 450;
/** What lies over the canvas: the zoom buttons top right, the legend bottom left; a fit keeps clear of them. */
const overlayInsets = { top: 16, right: 60, bottom: 64, left: 16 };
/** Fly-to an instance stops at cells this big (map units → px): near enough to read, with its node around it. */
const instanceFlightScale = 6;

interface Flight {
  from: ViewTransform;
  to: ViewTransform;
  startMs: number;
}

/**
 * The placement map on one canvas, sized to its container (× devicePixelRatio). The layout is
 * computed once per structure; the view transform lives in a ref and every pan, zoom or hover is
 * redrawn in the next animation frame without a React render. Click selects, double click opens,
 * the wheel and +/− zoom, dragging and the arrows pan.
 */
export function PlacementCanvas(props: PlacementCanvasProps) {
  const { rollup, lens, selectionKey, fitKey, label, ref } = props;
  const { theme } = useTheme();
  const helpId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewport = useContainerSize(containerRef);

  const layout = useStableLayout(rollup);
  const widths = useMemo(() => new MapTextWidths(createMeasure()), []);
  const batches = useMemo(() => new RectBatches(), []);

  const view = useRef<ViewTransform | null>(null);
  const fittedFor = useRef<string | null>(null);
  const flight = useRef<Flight | null>(null);
  const hoverKey = useRef<string | null>(null);
  const frame = useRef(0);
  const firstFrameMarked = useRef(false);
  const drag = useRef<{ id: number; x: number; y: number; view: ViewTransform; moved: boolean } | null>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);

  // Everything a draw reads, current as of the last render: frames read it from here.
  const latest = useRef({ layout, rollup, lens, selectionKey, theme, viewport, props });
  latest.current = { layout, rollup, lens, selectionKey, theme, viewport, props };

  const draw = (measure: string) => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    const current = latest.current;
    const transform = view.current;
    if (!canvas || !ctx || !transform || current.viewport.width === 0) return;
    const started = performance.now();
    const ratio = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(current.viewport.width * ratio);
    const pixelHeight = Math.round(current.viewport.height * ratio);
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const stats = drawPlacementMap(ctx, {
      layout: current.layout,
      rollup: current.rollup,
      lens: current.lens,
      policy: defaultHealthPolicy,
      palette: mapPalette(current.theme),
      view: transform,
      viewport: current.viewport,
      widths,
      batches,
      selectionKey: current.selectionKey,
      hoverKey: hoverKey.current,
    });
    canvas.dataset.view = describeView(transform);
    canvas.dataset.detail = stats.detail.deepest;
    performance.clearMeasures(measure);
    performance.measure(measure, { start: started });
    if (!firstFrameMarked.current) {
      firstFrameMarked.current = true;
      performance.mark(placementFirstFrameMark);
    }
  };

  const requestDraw = () => {
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame((now) => {
      frame.current = 0;
      const moving = flight.current;
      if (moving) {
        const t = (now - moving.startMs) / flightMs;
        view.current = flightFrame(moving.from, moving.to, latest.current.viewport, t);
        if (t >= 1) flight.current = null;
        else requestDraw();
      }
      draw(placementFrameDrawMeasure);
    });
  };

  const limits = () => scaleLimits(latest.current.layout, latest.current.viewport);
  const wholeMap = () =>
    fitTransform({ x: 0, y: 0, w: layout.width, h: layout.height }, viewport, undefined, overlayInsets);

  /** The view that shows an entity: an instance with its node around it, a place whole. */
  const targetOf = (key: string, current: MapLayout, size: Viewport): ViewTransform | null => {
    if (key.startsWith("instance:")) {
      const cell = current.cellOf(key.slice("instance:".length));
      return cell ? fitTransform(cell.node.box, size, instanceFlightScale, overlayInsets) : null;
    }
    const box = boundingBox(boxesOfSelection(current, key));
    return box ? fitTransform(box, size, undefined, overlayInsets) : null;
  };

  useImperativeHandle(ref, () => ({
    flyTo(key) {
      const { layout: current, viewport: size } = latest.current;
      const target = targetOf(key, current, size);
      if (!target) return false;
      const from = view.current;
      if (!from || window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
        view.current = target;
        requestDraw();
      } else {
        flight.current = { from, to: target, startMs: performance.now() };
        requestDraw();
      }
      return true;
    },
  }));

  // The first view: the selection of a pasted link, else the whole map; new filters refit.
  // A live update (same filters) keeps the view, whatever the layout became.
  useLayoutEffect(() => {
    if (viewport.width === 0) return;
    if (view.current === null || fittedFor.current !== fitKey) {
      const first = view.current === null && selectionKey ? targetOf(selectionKey, layout, viewport) : null;
      view.current = first ?? wholeMap();
      fittedFor.current = fitKey;
      flight.current = null;
    }
    draw(placementRenderDrawMeasure);
  });

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // The wheel zooms around the pointer; a listener of our own, as React's wheel handlers are passive.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent) => {
      const current = view.current;
      if (!current) return;
      event.preventDefault();
      flight.current = null;
      const box = canvas.getBoundingClientRect();
      view.current = zoomAround(
        current,
        wheelZoomFactor(event.deltaY, event.deltaMode),
        event.clientX - box.left,
        event.clientY - box.top,
        limits(),
      );
      requestDraw();
    };
    canvas.addEventListener("wheel", onWheel, { passive: false });
    return () => canvas.removeEventListener("wheel", onWheel);
  });

  const pointOf = (event: { clientX: number; clientY: number }) => {
    const box = canvasRef.current?.getBoundingClientRect();
    return { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) };
  };

  const hitAt = (x: number, y: number): MapHit | null => {
    const current = view.current;
    if (!current) return null;
    const world = toWorld(current, x, y);
    return hitTest(layout, rollup, levelOfDetail(current.scale), world.x, world.y);
  };

  const setHover = (hit: MapHit | null, x: number, y: number) => {
    const key = hit ? hitSelectionKey(hit) : null;
    if (key !== hoverKey.current) {
      hoverKey.current = key;
      requestDraw();
    }
    if (tooltipRef.current) showTooltip(tooltipRef.current, hit ? describeHit(hit, lens) : null, { x, y }, viewport);
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0 || !view.current) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = pointOf(event);
    drag.current = { id: event.pointerId, ...point, view: view.current, moved: false };
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const point = pointOf(event);
    const pressed = drag.current;
    if (pressed && pressed.id === event.pointerId) {
      const dx = point.x - pressed.x;
      const dy = point.y - pressed.y;
      if (!pressed.moved && Math.hypot(dx, dy) < dragThresholdPx) return;
      if (!pressed.moved) {
        pressed.moved = true;
        flight.current = null;
        setHover(null, 0, 0);
      }
      view.current = keepMapInSight(panBy(pressed.view, dx, dy), layout, viewport);
      requestDraw();
      return;
    }
    setHover(hitAt(point.x, point.y), point.x, point.y);
  };

  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    const pressed = drag.current;
    drag.current = null;
    if (!pressed || pressed.id !== event.pointerId || pressed.moved) return;
    const point = pointOf(event);
    const hit = hitAt(point.x, point.y);
    props.onSelect(hit ? hitSelectionKey(hit) : null);
  };

  const onDoubleClick = (event: { clientX: number; clientY: number }) => {
    const point = pointOf(event);
    const hit = hitAt(point.x, point.y);
    if (hit) props.onOpen(hit);
  };

  const zoomAtCentre = (factor: number) => {
    const current = view.current;
    if (!current) return;
    flight.current = null;
    view.current = zoomAround(current, factor, viewport.width / 2, viewport.height / 2, limits());
    requestDraw();
  };

  const fitWholeMap = () => {
    flight.current = null;
    view.current = wholeMap();
    requestDraw();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const action = mapKeyAction(event.key);
    const current = view.current;
    if (!action || !current) return;
    event.preventDefault();
    if (action.type === "zoom") zoomAtCentre(action.factor);
    else if (action.type === "fit") fitWholeMap();
    else if (action.type === "clearSelection") props.onSelect(null);
    else if (action.type === "openSelection") openSelection();
    else {
      flight.current = null;
      view.current = keepMapInSight(panBy(current, action.dx, action.dy), layout, viewport);
      requestDraw();
    }
  };

  const openSelection = () => {
    if (!selectionKey?.startsWith("instance:")) return;
    const cell = layout.cellOf(selectionKey.slice("instance:".length));
    const instance = cell ? findNodeInstance(rollup, cell.node.key, cell.index) : undefined;
    if (cell && instance) props.onOpen({ kind: "instance", instance, node: cell.node, index: cell.index });
  };

  return (
    <div className="placement-map__canvas-box" ref={containerRef}>
      <canvas
        ref={canvasRef}
        className="placement-map__canvas"
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
        onPointerLeave={() => setHover(null, 0, 0)}
        onDoubleClick={onDoubleClick}
        onKeyDown={onKeyDown}
      />
      <div className="placement-map__zoom">
        <button type="button" className="icon-button" aria-label="Zoom in" onClick={() => zoomAtCentre(zoomStep)}>
          +
        </button>
        <button type="button" className="icon-button" aria-label="Zoom out" onClick={() => zoomAtCentre(1 / zoomStep)}>
          −
        </button>
        <button type="button" className="icon-button" aria-label="Fit the whole map" onClick={fitWholeMap}>
          ⤢
        </button>
      </div>
      <div className="placement-map__tooltip" ref={tooltipRef} aria-hidden="true" hidden />
      <p className="visually-hidden" id={helpId}>
        Click selects a place or an instance; double click or Enter opens an instance's GC charts. Drag or the arrow
        keys move the map, the wheel or + and − zoom, 0 shows the whole map, Escape clears the selection. The table of
        unhealthy instances below lists the same instances as text.
      </p>
    </div>
  );
}

/**
 * The layout of the rollup, computed again only when its structure changed: a live update of
 * health alone keeps every box where it was (and costs no layout).
 */
function useStableLayout(rollup: PlacementRollup): MapLayout {
  const laidOut = useRef<{ rollup: PlacementRollup; layout: MapLayout } | null>(null);
  const layout = useMemo(() => {
    const previous = laidOut.current;
    return previous && sameStructure(previous.rollup, rollup) ? previous.layout : layoutPlacement(rollup);
  }, [rollup]);
  useEffect(() => {
    laidOut.current = { rollup, layout };
  }, [rollup, layout]);
  return layout;
}

/** The instance at a node's cell index in the rollup (its node found by key). */
function findNodeInstance(rollup: PlacementRollup, nodeKey: string, index: number) {
  for (const region of rollup.regions)
    for (const zone of region.children)
      for (const part of zone.children)
        for (const node of part.children) if (node.key === nodeKey) return node.instances[index];
  return undefined;
}

const tooltipOffsetPx = 14;

/** Fills and places the hover tooltip without a React render: it follows every pointer move. */
function showTooltip(
  element: HTMLDivElement,
  lines: string[] | null,
  at: { x: number; y: number },
  viewport: Viewport,
) {
  if (lines === null) {
    element.hidden = true;
    return;
  }
  element.replaceChildren(
    ...lines.map((line, index) => {
      const row = document.createElement("div");
      if (index === 0) row.className = "placement-map__tooltip-title";
      row.textContent = line;
      return row;
    }),
  );
  const right = at.x > viewport.width * 0.6;
  const below = at.y <= viewport.height * 0.6;
  element.style.left = right ? "" : `${at.x + tooltipOffsetPx}px`;
  element.style.right = right ? `${viewport.width - at.x + tooltipOffsetPx}px` : "";
  element.style.top = below ? `${at.y + tooltipOffsetPx}px` : "";
  element.style.bottom = below ? "" : `${viewport.height - at.y + tooltipOffsetPx}px`;
  element.hidden = false;
}

/**
 * Draws a little in every map font on a canvas of its own: the browser resolves the fonts and sets
 * up 2D drawing while the placement is still on its way, not after it arrived.
 */
export function warmUpMapDrawing() {
  const ctx = document.createElement("canvas").getContext("2d");
  if (!ctx) return;
  for (const font of Object.values(mapFonts)) {
    ctx.font = font;
    ctx.measureText("EU West · 0123456789 instances");
    ctx.fillText("0", 0, 0);
  }
  ctx.beginPath();
  ctx.rect(0, 0, 1, 1);
  ctx.fill();
}

function createMeasure(): (font: string, text: string) => number {
  const ctx = document.createElement("canvas").getContext("2d");
  return (font, text) => {
    if (!ctx) return text.length * 7;
    ctx.font = font;
    return ctx.measureText(text).width;
  };
}

/** The container's size in CSS pixels, following resizes. */
function useContainerSize(ref: { current: HTMLDivElement | null }): Viewport {
  const [size, setSize] = useState<Viewport>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setSize({ width: element.clientWidth, height: element.clientHeight });
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (!entry) return;
      const next = { width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height) };
      setSize((previous) => (previous.width === next.width && previous.height === next.height ? previous : next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
