import { type FlameLayout, type FlameViewport, frameRowPx, horizontalScale } from "./flame-layout.ts";

/** The row under a point of the canvas, or -1 above node 0's row or past the deepest one. */
export function depthAt(layout: FlameLayout, viewport: FlameViewport, yPx: number): number {
  const depth =
    viewport.orientation === "icicle"
      ? Math.floor((yPx + viewport.scrollPx) / frameRowPx)
      : Math.ceil((viewport.heightPx + viewport.scrollPx - yPx) / frameRowPx) - 1;
  return depth >= 0 && depth <= layout.maxDepth && layout.depth.length > 0 ? depth : -1;
}

/**
 * The node drawn at a point of the canvas, or -1. Looks only at the point's row: a binary search
 * for the last frame starting at or before the point, which covers it or nothing does.
 */
export function frameAt(layout: FlameLayout, viewport: FlameViewport, xPx: number, yPx: number): number {
  if (xPx < 0 || xPx >= viewport.widthPx || yPx < 0 || yPx >= viewport.heightPx) return -1;
  const depth = depthAt(layout, viewport, yPx);
  if (depth < 0) return -1;
  const { windowStart, pxPerValue } = horizontalScale(layout, viewport);
  if (pxPerValue === 0) return -1;
  const value = windowStart + xPx / pxPerValue;
  let low = layout.depthStart[depth]!;
  let high = layout.depthStart[depth + 1]! - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const node = layout.depthNodes[middle]!;
    if (layout.start[node]! <= value) {
      found = node;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (found < 0) return -1;
  return value < layout.start[found]! + layout.weight[found]! ? found : -1;
}
