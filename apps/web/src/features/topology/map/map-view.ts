import type { MapBox } from "./map-layout.ts";

/** Map units to canvas pixels: screen = world × scale + (x, y). */
export interface ViewTransform {
  scale: number;
  x: number;
  y: number;
}

/** The canvas's size in CSS pixels. */
export interface Viewport {
  width: number;
  height: number;
}

export interface ScaleLimits {
  min: number;
  max: number;
}

/** Zoomed in this far, an instance cell (10 map units) is 120 px: room for its name and more. */
const maxScale = 12;
/** Room kept free around a fitted box, in pixels: what sits over the canvas's edges (zoom buttons, legend). */
export interface ViewportInsets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const noInsets: ViewportInsets = { top: 16, right: 16, bottom: 16, left: 16 };

/** The view that shows a box whole and centred in the free part of the canvas, no closer than `capScale`. */
export function fitTransform(
  box: MapBox,
  viewport: Viewport,
  capScale = maxScale,
  insets: ViewportInsets = noInsets,
): ViewTransform {
  const width = Math.max(1, viewport.width - insets.left - insets.right);
  const height = Math.max(1, viewport.height - insets.top - insets.bottom);
  const scale = Math.min(capScale, width / Math.max(box.w, 1), height / Math.max(box.h, 1));
  return {
    scale,
    x: insets.left + width / 2 - (box.x + box.w / 2) * scale,
    y: insets.top + height / 2 - (box.y + box.h / 2) * scale,
  };
}

/** From a quarter of the whole map's fit (room to spare around it) to cells big enough to read. */
export function scaleLimits(mapSize: { width: number; height: number }, viewport: Viewport): ScaleLimits {
  const fit = fitTransform({ x: 0, y: 0, w: mapSize.width, h: mapSize.height }, viewport).scale;
  return { min: Math.min(fit * 0.25, maxScale), max: Math.max(fit, maxScale) };
}

/** Zooms by `factor` keeping the map point under (px, py) where it is. */
export function zoomAround(view: ViewTransform, factor: number, px: number, py: number, limits: ScaleLimits) {
  const scale = Math.min(limits.max, Math.max(limits.min, view.scale * factor));
  const applied = scale / view.scale;
  return { scale, x: px - (px - view.x) * applied, y: py - (py - view.y) * applied };
}

export function panBy(view: ViewTransform, dx: number, dy: number): ViewTransform {
  return { scale: view.scale, x: view.x + dx, y: view.y + dy };
}

/**
 * Keeps part of the map on screen: a pan never pushes the whole map out of sight, so nobody is
 * left looking at an empty canvas.
 */
export function keepMapInSight(view: ViewTransform, mapSize: { width: number; height: number }, viewport: Viewport) {
  const keepPx = 48;
  const left = view.x;
  const right = view.x + mapSize.width * view.scale;
  const top = view.y;
  const bottom = view.y + mapSize.height * view.scale;
  let { x, y } = view;
  if (right < keepPx) x += keepPx - right;
  if (left > viewport.width - keepPx) x -= left - (viewport.width - keepPx);
  if (bottom < keepPx) y += keepPx - bottom;
  if (top > viewport.height - keepPx) y -= top - (viewport.height - keepPx);
  return x === view.x && y === view.y ? view : { scale: view.scale, x, y };
}

/** The part of the map the canvas shows, in map units. */
export function visibleWorld(view: ViewTransform, viewport: Viewport): MapBox {
  return {
    x: -view.x / view.scale,
    y: -view.y / view.scale,
    w: viewport.width / view.scale,
    h: viewport.height / view.scale,
  };
}

/** The map point under a canvas point. */
export function toWorld(view: ViewTransform, px: number, py: number) {
  return { x: (px - view.x) / view.scale, y: (py - view.y) / view.scale };
}

/**
 * The view a fly-to passes through at `t` (0 → from, 1 → to), eased in and out: the scale changes
 * geometrically and the centre of the screen moves in a straight line over the map, so the
 * target stays in a steady direction while zooming.
 */
export function flightFrame(from: ViewTransform, to: ViewTransform, viewport: Viewport, t: number): ViewTransform {
  const k = t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t);
  const scale = from.scale * (to.scale / from.scale) ** k;
  const centre = (view: ViewTransform) => toWorld(view, viewport.width / 2, viewport.height / 2);
  const a = centre(from);
  const b = centre(to);
  const cx = a.x + (b.x - a.x) * k;
  const cy = a.y + (b.y - a.y) * k;
  return { scale, x: viewport.width / 2 - cx * scale, y: viewport.height / 2 - cy * scale };
}

/** The view as text, for the canvas's data attribute (what tests compare across live updates). */
export function describeView(view: ViewTransform): string {
  return `${view.scale.toFixed(4)} ${view.x.toFixed(1)} ${view.y.toFixed(1)}`;
}
