import type { ServiceGraph } from "@fleetdeck/core";
import { fitLabel, type LabelWidths } from "../../profiles/flame/flame-draw.ts";
import { edgeWidthsPx, type GraphPalette } from "./graph-colours.ts";
import type { GraphLayout } from "./graph-layout.ts";
import { NodeRole } from "./graph-neighbourhood.ts";
import { nodeCaption, nodeTitle } from "./graph-node-text.ts";
import type { GraphScene } from "./graph-scene.ts";
import { type Viewport, visibleWorld, type WorldRect } from "./graph-viewport.ts";

/** The parts of a 2D context drawing uses, so tests can record the calls. */
export type GraphDrawingContext = Pick<
  CanvasRenderingContext2D,
  | "fillStyle"
  | "strokeStyle"
  | "lineWidth"
  | "globalAlpha"
  | "font"
  | "textBaseline"
  | "setTransform"
  | "clearRect"
  | "fillRect"
  | "beginPath"
  | "moveTo"
  | "lineTo"
  | "closePath"
  | "rect"
  | "stroke"
  | "fill"
  | "fillText"
  | "setLineDash"
>;

export interface GraphDrawInput {
  graph: ServiceGraph;
  layout: GraphLayout;
  scene: GraphScene;
  edgeBounds: Float64Array;
  viewport: Viewport;
  widthPx: number;
  heightPx: number;
  pixelRatio: number;
  palette: GraphPalette;
  /** The node under the pointer, or -1. */
  hovered: number;
  /** Text widths in the title and the caption font. */
  titleWidths: LabelWidths;
  captionWidths: LabelWidths;
}

export const titleFont = "600 12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
export const captionFont = "11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
/** Below this zoom a label would be under 7 px tall: boxes alone read better. */
const labelMinScale = 0.58;
/** Below this zoom arrowheads are smaller than a pixel or two. */
const arrowMinScale = 0.3;
const arrowLengthPx = 7;
const healthBarPx = 5;
const textInsetPx = 12;

/** What is drawn is tallied, for tests and the bench. */
export interface GraphDrawStats {
  edgesDrawn: number;
  nodesDrawn: number;
  labelsDrawn: number;
  strokes: number;
}

/**
 * One frame: edges batched by colour, width and dash (one stroke each), then node boxes batched by
 * health, then the selection's outlines, then labels when they are big enough to read. Only what
 * intersects the screen is pathed. Coordinates stay in world units under the view transform;
 * line widths and dashes are divided by the scale so they keep their size on screen.
 */
export function drawServiceGraph(ctx: GraphDrawingContext, input: GraphDrawInput): GraphDrawStats {
  const { layout, scene, viewport, palette, pixelRatio: ratio } = input;
  const stats: GraphDrawStats = { edgesDrawn: 0, nodesDrawn: 0, labelsDrawn: 0, strokes: 0 };
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.globalAlpha = 1;
  ctx.clearRect(0, 0, input.widthPx, input.heightPx);
  const scale = viewport.scale;
  const pad = 20 / scale;
  const world = grow(visibleWorld(viewport, input.widthPx, input.heightPx), pad);
  ctx.setTransform(ratio * scale, 0, 0, ratio * scale, ratio * viewport.x, ratio * viewport.y);

  // The selection's paths are counted alone: a few lit calls stay vivid over a faded crowd.
  const litAlpha = edgeAlpha(countVisibleLitEdges(scene, input.edgeBounds, world));
  for (const batch of scene.edgeBatches) {
    ctx.globalAlpha = batch.dimmed ? 0.08 : litAlpha;
    const colour = palette.edges[batch.colourClass] ?? palette.nodeTextMuted;
    ctx.strokeStyle = colour;
    ctx.lineWidth = (edgeWidthsPx[batch.widthClass] ?? 1) / scale;
    ctx.setLineDash(batch.dashed ? [7 / scale, 5 / scale] : []);
    ctx.beginPath();
    let drawn = 0;
    for (const edge of batch.edges) {
      if (!intersects(input.edgeBounds, edge, world)) continue;
      pathEdge(ctx, layout, edge);
      drawn++;
    }
    if (drawn === 0) continue;
    ctx.stroke();
    stats.strokes++;
    stats.edgesDrawn += drawn;
    if (scale < arrowMinScale || batch.dimmed) continue;
    ctx.fillStyle = colour;
    ctx.beginPath();
    for (const edge of batch.edges)
      if (intersects(input.edgeBounds, edge, world)) pathArrowhead(ctx, layout, edge, scale);
    ctx.fill();
  }
  ctx.setLineDash([]);

  for (const batch of scene.nodeBatches) {
    ctx.globalAlpha = batch.dimmed ? 0.3 : 1;
    const visible = batch.nodes.filter((node) => nodeVisible(layout, node, world));
    if (visible.length === 0) continue;
    stats.nodesDrawn += visible.length;
    ctx.fillStyle = batch.external ? palette.externalNodeFill : palette.nodeFill;
    ctx.beginPath();
    for (const node of visible)
      ctx.rect(layout.nodeX[node]!, layout.nodeY[node]!, layout.nodeWidth[node]!, layout.nodeHeight[node]!);
    ctx.fill();
    ctx.strokeStyle = palette.health[batch.health];
    ctx.lineWidth = 1 / scale;
    ctx.setLineDash(batch.external ? [4 / scale, 3 / scale] : []);
    ctx.stroke();
    stats.strokes++;
    ctx.setLineDash([]);
    ctx.fillStyle = palette.health[batch.health];
    ctx.beginPath();
    for (const node of visible)
      ctx.rect(layout.nodeX[node]!, layout.nodeY[node]!, healthBarPx, layout.nodeHeight[node]!);
    ctx.fill();
  }
  ctx.globalAlpha = 1;

  if (scene.nodeRole) {
    outlineNodes(ctx, input, world, (node) => scene.nodeRole?.[node] === NodeRole.upstream, palette.upstream, 2);
    outlineNodes(ctx, input, world, (node) => scene.nodeRole?.[node] === NodeRole.downstream, palette.downstream, 2);
    outlineNodes(ctx, input, world, (node) => scene.nodeRole?.[node] === NodeRole.selected, palette.selection, 3);
  }
  if (input.hovered >= 0) outlineNodes(ctx, input, world, (node) => node === input.hovered, palette.selection, 1.5);

  if (scale >= labelMinScale) stats.labelsDrawn = drawLabels(ctx, input, world);
  return stats;
}

function drawLabels(ctx: GraphDrawingContext, input: GraphDrawInput, world: WorldRect): number {
  const { graph, layout, scene, palette } = input;
  ctx.textBaseline = "alphabetic";
  let drawn = 0;
  for (const [font, widths, line] of [
    [titleFont, input.titleWidths, 0],
    [captionFont, input.captionWidths, 1],
  ] as const) {
    ctx.font = font;
    graph.nodes.forEach((node, index) => {
      if (!nodeVisible(layout, index, world)) return;
      const dimmed = scene.nodeRole !== null && scene.nodeRole[index] === NodeRole.dimmed;
      ctx.globalAlpha = dimmed ? 0.35 : 1;
      ctx.fillStyle = line === 0 ? palette.nodeText : palette.nodeTextMuted;
      const text = line === 0 ? nodeTitle(node) : nodeCaption(node);
      const fitted = fitLabel(text, layout.nodeWidth[index]! - textInsetPx - 6, widths);
      if (fitted === null) return;
      ctx.fillText(fitted, layout.nodeX[index]! + textInsetPx, layout.nodeY[index]! + (line === 0 ? 17 : 32));
      drawn++;
    });
  }
  ctx.globalAlpha = 1;
  return drawn;
}

function outlineNodes(
  ctx: GraphDrawingContext,
  input: GraphDrawInput,
  world: WorldRect,
  include: (node: number) => boolean,
  colour: string,
  widthPx: number,
) {
  const { layout, viewport } = input;
  const outset = (widthPx / 2 + 1.5) / viewport.scale;
  ctx.beginPath();
  let any = false;
  for (let node = 0; node < layout.nodeX.length; node++) {
    if (!include(node) || !nodeVisible(layout, node, world)) continue;
    ctx.rect(
      layout.nodeX[node]! - outset,
      layout.nodeY[node]! - outset,
      layout.nodeWidth[node]! + 2 * outset,
      layout.nodeHeight[node]! + 2 * outset,
    );
    any = true;
  }
  if (!any) return;
  ctx.strokeStyle = colour;
  ctx.lineWidth = widthPx / viewport.scale;
  ctx.stroke();
}

function pathEdge(ctx: GraphDrawingContext, layout: GraphLayout, edge: number) {
  const start = layout.edgePointStart[edge]!;
  const end = layout.edgePointStart[edge + 1]!;
  if (end - start < 2) return;
  ctx.moveTo(layout.edgePoints[start * 2]!, layout.edgePoints[start * 2 + 1]!);
  for (let point = start + 1; point < end; point++)
    ctx.lineTo(layout.edgePoints[point * 2]!, layout.edgePoints[point * 2 + 1]!);
}

/** A small triangle at the callee's end, pointing along the last segment. */
function pathArrowhead(ctx: GraphDrawingContext, layout: GraphLayout, edge: number, scale: number) {
  const start = layout.edgePointStart[edge]!;
  const end = layout.edgePointStart[edge + 1]!;
  if (end - start < 2) return;
  const tipX = layout.edgePoints[(end - 1) * 2]!;
  const tipY = layout.edgePoints[(end - 1) * 2 + 1]!;
  const dx = tipX - layout.edgePoints[(end - 2) * 2]!;
  const dy = tipY - layout.edgePoints[(end - 2) * 2 + 1]!;
  const length = Math.hypot(dx, dy);
  if (length === 0) return;
  const size = arrowLengthPx / scale;
  const ux = dx / length;
  const uy = dy / length;
  ctx.moveTo(tipX, tipY);
  ctx.lineTo(tipX - ux * size - uy * size * 0.45, tipY - uy * size + ux * size * 0.45);
  ctx.lineTo(tipX - ux * size + uy * size * 0.45, tipY - uy * size - ux * size * 0.45);
  ctx.closePath();
}

/**
 * Lines fade as more of them share the screen, so a dense graph shows where traffic bundles
 * instead of one solid mass; a handful of calls are drawn nearly opaque.
 */
export function edgeAlpha(visibleEdges: number): number {
  if (visibleEdges > 400) return 0.35;
  if (visibleEdges > 120) return 0.55;
  return 0.85;
}

function countVisibleLitEdges(scene: GraphScene, bounds: Float64Array, world: WorldRect): number {
  let count = 0;
  for (const batch of scene.edgeBatches) {
    if (batch.dimmed) continue;
    for (const edge of batch.edges) if (intersects(bounds, edge, world)) count++;
  }
  return count;
}

function grow(rect: WorldRect, by: number): WorldRect {
  return { left: rect.left - by, top: rect.top - by, right: rect.right + by, bottom: rect.bottom + by };
}

function intersects(bounds: Float64Array, edge: number, world: WorldRect): boolean {
  const offset = edge * 4;
  return (
    bounds[offset]! <= world.right &&
    bounds[offset + 2]! >= world.left &&
    bounds[offset + 1]! <= world.bottom &&
    bounds[offset + 3]! >= world.top
  );
}

function nodeVisible(layout: GraphLayout, node: number, world: WorldRect): boolean {
  const x = layout.nodeX[node]!;
  const y = layout.nodeY[node]!;
  return (
    x <= world.right &&
    x + layout.nodeWidth[node]! >= world.left &&
    y <= world.bottom &&
    y + layout.nodeHeight[node]! >= world.top
  );
}
