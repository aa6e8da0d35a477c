/**
 * The view onto the graph: screen = world · scale + (x, y), in CSS pixels. Pure functions, so the
 * canvas keeps one in a ref and pointer and wheel handlers replace it without a React render.
 */
export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

export interface WorldRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const minScale = 0.02;
export const maxScale = 4;

const clampScale = (scale: number) => Math.min(maxScale, Math.max(minScale, scale));

/** The whole drawing in view, centred, never magnified past 1:1 (a small graph stays its size). */
export function fitViewport(
  worldWidth: number,
  worldHeight: number,
  widthPx: number,
  heightPx: number,
  paddingPx = 24,
) {
  const availableWidth = Math.max(1, widthPx - 2 * paddingPx);
  const availableHeight = Math.max(1, heightPx - 2 * paddingPx);
  const scale = clampScale(
    Math.min(1, availableWidth / Math.max(1, worldWidth), availableHeight / Math.max(1, worldHeight)),
  );
  return { scale, x: (widthPx - worldWidth * scale) / 2, y: (heightPx - worldHeight * scale) / 2 };
}

/**
 * A world rectangle in view, centred, zoomed no further in than `maxFitScale` (a lone node is
 * not blown up) and no further out than the zoom limit.
 */
export function fitRect(rect: WorldRect, widthPx: number, heightPx: number, paddingPx = 48, maxFitScale = 1): Viewport {
  const width = Math.max(1, rect.right - rect.left);
  const height = Math.max(1, rect.bottom - rect.top);
  const scale = clampScale(
    Math.min(maxFitScale, Math.max(1, widthPx - 2 * paddingPx) / width, Math.max(1, heightPx - 2 * paddingPx) / height),
  );
  return {
    scale,
    x: widthPx / 2 - (rect.left + width / 2) * scale,
    y: heightPx / 2 - (rect.top + height / 2) * scale,
  };
}

/** Zooms by factor about a screen point, which stays over the same world point. */
export function zoomAt(view: Viewport, screenX: number, screenY: number, factor: number): Viewport {
  const scale = clampScale(view.scale * factor);
  const ratio = scale / view.scale;
  return { scale, x: screenX - (screenX - view.x) * ratio, y: screenY - (screenY - view.y) * ratio };
}

export function panBy(view: Viewport, dxPx: number, dyPx: number): Viewport {
  return { scale: view.scale, x: view.x + dxPx, y: view.y + dyPx };
}

export function toWorld(view: Viewport, screenX: number, screenY: number): { x: number; y: number } {
  return { x: (screenX - view.x) / view.scale, y: (screenY - view.y) / view.scale };
}

/** The part of the world on screen: what drawing needs to consider. */
export function visibleWorld(view: Viewport, widthPx: number, heightPx: number): WorldRect {
  const topLeft = toWorld(view, 0, 0);
  const bottomRight = toWorld(view, widthPx, heightPx);
  return { left: topLeft.x, top: topLeft.y, right: bottomRight.x, bottom: bottomRight.y };
}

/** Wheel delta to a zoom factor: a notch (100 px) zooms by about 20%, trackpads zoom smoothly. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-pixels * 0.0018);
}

const keyPanPx = 80;
const keyZoomFactor = 1.25;

/** The view after a pan or zoom key on the canvas, or null for any other key. */
export function viewportForKey(key: string, view: Viewport, widthPx: number, heightPx: number): Viewport | null {
  switch (key) {
    case "+":
    case "=":
      return zoomAt(view, widthPx / 2, heightPx / 2, keyZoomFactor);
    case "-":
      return zoomAt(view, widthPx / 2, heightPx / 2, 1 / keyZoomFactor);
    case "ArrowLeft":
      return panBy(view, keyPanPx, 0);
    case "ArrowRight":
      return panBy(view, -keyPanPx, 0);
    case "ArrowUp":
      return panBy(view, 0, keyPanPx);
    case "ArrowDown":
      return panBy(view, 0, -keyPanPx);
    default:
      return null;
  }
}
