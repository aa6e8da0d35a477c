import type { FlameGraph } from "@fleetdeck/core";

/** Height of one row of frames, in CSS pixels. */
export const frameRowPx = 18;

/** Frames narrower than this are not drawn (nor their subtrees, which are narrower still). */
export const minFrameWidthPx = 0.5;

/**
 * Where every node of a graph sits, in value units, computed once per graph: zooming and scrolling
 * only move the view window over it.
 */
export interface FlameLayout {
  /** Per node: the width it is drawn with, in value units (a diff graph's frames: total + base total). */
  weight: Float64Array;
  /** Per node: left edge in value units from node 0's left edge. */
  start: Float64Array;
  /** Per node: rows below node 0 (node 0 is row 0). */
  depth: Uint32Array;
  maxDepth: number;
  /**
   * The nodes of row d are depthNodes[depthStart[d] .. depthStart[d + 1]), left to right: pre-order
   * visits each row left to right, so one pass groups them already sorted for binary search.
   */
  depthStart: Uint32Array;
  depthNodes: Uint32Array;
}

/** "flame": node 0 at the bottom, callees above; "icicle": node 0 at the top, children hanging below. */
export type FlameOrientation = "flame" | "icicle";

/** What part of the layout the canvas shows. */
export interface FlameViewport {
  widthPx: number;
  heightPx: number;
  /** The zoom window as fractions of node 0's width: 0..1 is the whole graph. */
  x0: number;
  x1: number;
  /** How far the rows are scrolled away from node 0's edge, in CSS pixels. */
  scrollPx: number;
  orientation: FlameOrientation;
}

/** The frames to draw, in CSS pixels; entry k of each array describes one frame. */
export interface FrameRects {
  count: number;
  node: Uint32Array;
  x: Float64Array;
  y: Float64Array;
  width: Float64Array;
}

/** The width each node is drawn with: diff graphs size frames by both profiles so neither side hides. */
export function frameWeights(graph: FlameGraph): Float64Array {
  if (graph.kind !== "diff" || !graph.baseTotal) return graph.nodeTotal;
  const weight = new Float64Array(graph.nodeTotal.length);
  for (let i = 0; i < weight.length; i++) weight[i] = graph.nodeTotal[i]! + graph.baseTotal[i]!;
  return weight;
}

/** O(nodes): each child starts where its previous sibling ended, the first at its parent's left edge. */
export function computeFlameLayout(graph: FlameGraph): FlameLayout {
  const count = graph.nodeParent.length;
  const weight = frameWeights(graph);
  const start = new Float64Array(count);
  const depth = new Uint32Array(count);
  // Where the next child of each node begins.
  const nextChildStart = new Float64Array(count);
  let maxDepth = 0;
  for (let i = 1; i < count; i++) {
    const parent = graph.nodeParent[i]!;
    start[i] = nextChildStart[parent]!;
    nextChildStart[parent]! += weight[i]!;
    nextChildStart[i] = start[i]!;
    depth[i] = depth[parent]! + 1;
    if (depth[i]! > maxDepth) maxDepth = depth[i]!;
  }
  const depthStart = new Uint32Array(count === 0 ? 1 : maxDepth + 2);
  for (let i = 0; i < count; i++) depthStart[depth[i]! + 1]!++;
  for (let d = 1; d < depthStart.length; d++) depthStart[d]! += depthStart[d - 1]!;
  const fill = depthStart.slice(0, -1);
  const depthNodes = new Uint32Array(count);
  for (let i = 0; i < count; i++) depthNodes[fill[depth[i]!]!++] = i;
  return { weight, start, depth, maxDepth, depthStart, depthNodes };
}

/** The zoom window that shows exactly one node across the canvas. */
export function windowOfNode(layout: FlameLayout, node: number): { x0: number; x1: number } {
  const rootWeight = layout.weight[0] ?? 0;
  if (rootWeight <= 0) return { x0: 0, x1: 1 };
  return { x0: layout.start[node]! / rootWeight, x1: (layout.start[node]! + layout.weight[node]!) / rootWeight };
}

/** The content's full height: one row per depth. */
export function contentHeightPx(layout: FlameLayout): number {
  return layout.depth.length === 0 ? 0 : (layout.maxDepth + 1) * frameRowPx;
}

/** How far the rows can scroll before the last one leaves the far edge. */
export function maxScrollPx(layout: FlameLayout, heightPx: number): number {
  return Math.max(0, contentHeightPx(layout) - heightPx);
}

/** The top edge of a row on the canvas. */
export function rowTopPx(depth: number, viewport: FlameViewport): number {
  return viewport.orientation === "icicle"
    ? depth * frameRowPx - viewport.scrollPx
    : viewport.heightPx - (depth + 1) * frameRowPx + viewport.scrollPx;
}

/** Value units per CSS pixel's inverse, and where the window starts, for turning values into pixels. */
export function horizontalScale(layout: FlameLayout, viewport: FlameViewport) {
  const rootWeight = layout.weight[0] ?? 0;
  const windowStart = viewport.x0 * rootWeight;
  const windowValue = (viewport.x1 - viewport.x0) * rootWeight;
  return { windowStart, pxPerValue: windowValue > 0 ? viewport.widthPx / windowValue : 0 };
}

/**
 * The frames that show in the viewport, clipped to it. Walks the pre-order array and skips a whole
 * subtree (subtreeEnd) as soon as its root is too narrow, outside the window or past the far edge,
 * so the cost follows what is visible, not the graph's size.
 */
export function visibleFrames(graph: FlameGraph, layout: FlameLayout, viewport: FlameViewport): FrameRects {
  const count = layout.weight.length;
  const rects: FrameRects = {
    count: 0,
    node: new Uint32Array(count),
    x: new Float64Array(count),
    y: new Float64Array(count),
    width: new Float64Array(count),
  };
  const { windowStart, pxPerValue } = horizontalScale(layout, viewport);
  if (pxPerValue === 0) return rects;
  let i = 0;
  while (i < count) {
    const left = (layout.start[i]! - windowStart) * pxPerValue;
    const right = left + layout.weight[i]! * pxPerValue;
    const top = rowTopPx(layout.depth[i]!, viewport);
    const pastFarEdge = viewport.orientation === "icicle" ? top >= viewport.heightPx : top + frameRowPx <= 0;
    if (right - left < minFrameWidthPx || right <= 0 || left >= viewport.widthPx || pastFarEdge) {
      i = graph.subtreeEnd[i]!;
      continue;
    }
    const onCanvas = top + frameRowPx > 0 && top < viewport.heightPx;
    if (onCanvas) {
      const x = Math.max(0, left);
      const k = rects.count++;
      rects.node[k] = i;
      rects.x[k] = x;
      rects.y[k] = top;
      rects.width[k] = Math.min(viewport.widthPx, right) - x;
    }
    i++;
  }
  return rects;
}
