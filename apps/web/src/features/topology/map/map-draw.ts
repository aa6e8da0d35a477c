import type { HealthLens, HealthPolicy, PlacementGroup, PlacementRollup, PlacementTally } from "@fleetdeck/core";
import { fitLabel, LabelWidths } from "../../profiles/flame/flame-draw.ts";
import { instanceBand, type MapBand, type MapPalette, mapBands, tallyBand } from "./map-colours.ts";
import { drawsLevel, type LevelOfDetail, levelOfDetail } from "./map-detail.ts";
import {
  boxesOfSelection,
  cellPitch,
  cellSize,
  type MapBox,
  type MapGroupBox,
  type MapLayout,
  nodePad,
} from "./map-layout.ts";
import { type Viewport, type ViewTransform, visibleWorld } from "./map-view.ts";

export type MapDrawingContext = Pick<
  CanvasRenderingContext2D,
  | "fillStyle"
  | "strokeStyle"
  | "lineWidth"
  | "font"
  | "textBaseline"
  | "fillRect"
  | "strokeRect"
  | "beginPath"
  | "rect"
  | "fill"
  | "stroke"
  | "moveTo"
  | "lineTo"
  | "fillText"
  | "setLineDash"
>;

const fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
export const mapFonts = {
  region: `600 13px ${fontFamily}`,
  zone: `600 12px ${fontFamily}`,
  cluster: `500 11.5px ${fontFamily}`,
  small: `11px ${fontFamily}`,
} as const;
type MapFont = (typeof mapFonts)[keyof typeof mapFonts];

/** Text widths per font, each measured once (flame graph's LabelWidths, one per font). */
export class MapTextWidths {
  private readonly byFont = new Map<string, LabelWidths>();
  constructor(private readonly measure: (font: string, text: string) => number) {}
  of(font: MapFont): LabelWidths {
    let widths = this.byFont.get(font);
    if (!widths) {
      widths = new LabelWidths((text) => this.measure(font, text));
      this.byFont.set(font, widths);
    }
    return widths;
  }
}

/**
 * Rectangles waiting to be filled, one list per band (plus node backgrounds), kept between draws
 * so a frame allocates nothing per cell.
 */
export class RectBatches {
  readonly bands = mapBands.map(() => new RectList());
  readonly nodes = new RectList();
  readonly downMarks = new RectList();
  clear() {
    for (const list of this.bands) list.clear();
    this.nodes.clear();
    this.downMarks.clear();
  }
}

class RectList {
  values = new Float64Array(4 * 1024);
  length = 0;
  clear() {
    this.length = 0;
  }
  push(x: number, y: number, w: number, h: number) {
    if (this.length + 4 > this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = x;
    this.values[this.length++] = y;
    this.values[this.length++] = w;
    this.values[this.length++] = h;
  }
}

export interface MapDrawInput {
  layout: MapLayout;
  /** The rollup the layout was computed for, or a newer one of the same structure. */
  rollup: PlacementRollup;
  lens: HealthLens;
  policy: HealthPolicy;
  palette: MapPalette;
  view: ViewTransform;
  viewport: Viewport;
  widths: MapTextWidths;
  batches: RectBatches;
  selectionKey: string | null;
  hoverKey: string | null;
}

/** What a draw did: for tests and the benchmark's sanity. */
export interface MapDrawStats {
  detail: LevelOfDetail;
  cells: number;
  aggregates: number;
  labels: number;
}

interface PendingLabel {
  text: string;
  x: number;
  y: number;
  font: MapFont;
  colour: string;
}

const bandIndex = new Map(mapBands.map((band, index) => [band, index]));
/** A header is named only when its strip is at least this tall on screen. */
const minHeaderPx = 11;
/** Below this, a header's name is set in the small font so it stays inside its strip. */
const roomyHeaderPx = 16;
/** Cells this big or bigger are drawn on whole pixels (see fillRects). */
const minSnappedCellPx = 6;
/** Down cells get a cross from this size on. */
const downMarkPx = 7;

/**
 * Draws the map: place boxes nested as laid out, then, by level of detail, either instance cells
 * or places filled with their worst colour, each batched into one path per colour; then names and
 * counts where there is room, and the selection and hover outlines. Only what is on screen is
 * visited: a box outside the view skips everything in it.
 */
export function drawPlacementMap(ctx: MapDrawingContext, input: MapDrawInput): MapDrawStats {
  const { layout, rollup, palette, view, viewport, batches, lens, policy, widths } = input;
  const detail = levelOfDetail(view.scale);
  const world = visibleWorld(view, viewport);
  const { scale } = view;
  const labels: PendingLabel[] = [];
  const notReady: MapBox[] = [];
  const stats: MapDrawStats = { detail, cells: 0, aggregates: 0, labels: 0 };
  batches.clear();

  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, viewport.width, viewport.height);

  const sx = (x: number) => x * scale + view.x;
  const sy = (y: number) => y * scale + view.y;
  const batchBand = (band: MapBand, box: MapBox, inset = 0) =>
    batches.bands[bandIndex.get(band) ?? 0]?.push(
      sx(box.x) + inset,
      sy(box.y) + inset,
      box.w * scale - 2 * inset,
      box.h * scale - 2 * inset,
    );

  const label = (text: string, font: MapFont, x: number, y: number, maxPx: number, colour: string) => {
    const fitted = fitLabel(text, maxPx, widths.of(font));
    if (fitted) labels.push({ text: fitted, x, y, font, colour });
  };

  const countLabel = (tally: PlacementTally, box: MapBox, band: MapBand) => {
    const w = box.w * scale;
    const h = box.h * scale;
    if (w < 22 || h < 15) return;
    const text =
      tally.unhealthy > 0 && w > 90 ? `${tally.instances} · ${tally.unhealthy} unhealthy` : String(tally.instances);
    label(text, mapFonts.small, sx(box.x) + 4, sy(box.y) + h / 2, w - 8, palette.textOn[band]);
  };

  const placeBackground: Record<Exclude<PlacementGroup["level"], "node">, string> = {
    region: palette.region,
    zone: palette.zone,
    cluster: palette.cluster,
  };
  const headerFont = { region: mapFonts.region, zone: mapFonts.zone, cluster: mapFonts.cluster } as const;

  const visit = (boxes: readonly MapGroupBox[], groups: readonly PlacementGroup[]) => {
    for (let i = 0; i < boxes.length; i++) {
      const laid = boxes[i];
      const group = groups[i];
      if (!laid || !group || !intersects(laid.box, world)) continue;
      const { box } = laid;
      if (group.level === "node") {
        visitNode(laid, group);
        continue;
      }
      ctx.fillStyle = placeBackground[group.level];
      ctx.fillRect(sx(box.x), sy(box.y), box.w * scale, box.h * scale);
      ctx.strokeStyle = palette.border;
      ctx.lineWidth = 1;
      ctx.strokeRect(sx(box.x) + 0.5, sy(box.y) + 0.5, box.w * scale - 1, box.h * scale - 1);
      const headerPx = laid.headerHeight * scale;
      if (headerPx >= minHeaderPx) {
        label(
          headerText(group),
          headerPx < roomyHeaderPx ? mapFonts.small : headerFont[group.level],
          sx(box.x) + Math.min(8, headerPx / 2),
          sy(box.y) + Math.min(headerPx, 28) / 2 + 1,
          box.w * scale - 12,
          group.level === "cluster" ? palette.mutedText : palette.text,
        );
      }
      if (group.level === "cluster" && !drawsLevel(detail, "node")) {
        const content = { x: box.x, y: box.y + laid.headerHeight, w: box.w, h: box.h - laid.headerHeight };
        const band = tallyBand(group.tally, lens, policy);
        batchBand(band, content, 2);
        stats.aggregates++;
        countLabel(group.tally, content, band);
        continue;
      }
      visit(laid.children, group.children);
    }
  };

  const visitNode = (laid: MapGroupBox, node: PlacementGroup) => {
    const { box, grid } = laid;
    if (node.ready === false) notReady.push(box);
    if (!grid || !drawsLevel(detail, "instance")) {
      const band = tallyBand(node.tally, lens, policy);
      batchBand(band, box);
      stats.aggregates++;
      countLabel(node.tally, box, band);
      return;
    }
    batches.nodes.push(sx(box.x), sy(box.y), box.w * scale, box.h * scale);
    if (detail.nodeLabels)
      label(
        node.name,
        mapFonts.small,
        sx(box.x) + 2,
        sy(box.y) + (nodePad * scale) / 2,
        box.w * scale - 4,
        palette.mutedText,
      );
    // Cells by arithmetic, no object per cell: at 10,000 instances every frame draws them all.
    const cellPx = cellSize * scale;
    const pitchPx = cellPitch * scale;
    const left = sx(grid.x);
    const top = sy(grid.y);
    const { instances } = node;
    for (let index = 0; index < instances.length; index++) {
      const instance = instances[index];
      if (!instance) continue;
      const x = left + (index % grid.cols) * pitchPx;
      const y = top + Math.floor(index / grid.cols) * pitchPx;
      const band = instanceBand(instance, lens, policy);
      batches.bands[bandIndex.get(band) ?? 0]?.push(x, y, cellPx, cellPx);
      stats.cells++;
      if (band === "down" && cellPx >= downMarkPx) batches.downMarks.push(x, y, cellPx, cellPx);
      if (detail.cellLabels) label(instance.id, mapFonts.small, x + 4, y + 10, cellPx - 8, palette.textOn[band]);
    }
  };

  visit(layout.regions, rollup.regions);

  const snap = detail.deepest !== "instance" || cellSize * scale >= minSnappedCellPx;
  fillRects(ctx, batches.nodes, palette.node, true);
  mapBands.forEach((band, index) => {
    const list = batches.bands[index];
    if (list) fillRects(ctx, list, palette.band[band], snap);
  });
  strokeCrosses(ctx, batches.downMarks, palette.downMark);

  if (notReady.length > 0) {
    ctx.strokeStyle = palette.notReady;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    for (const box of notReady) ctx.strokeRect(sx(box.x), sy(box.y), box.w * scale, box.h * scale);
    ctx.setLineDash([]);
  }

  ctx.textBaseline = "middle";
  for (const pending of labels) {
    ctx.font = pending.font;
    ctx.fillStyle = pending.colour;
    ctx.fillText(pending.text, pending.x, pending.y);
  }
  stats.labels = labels.length;

  outline(ctx, layout, input.hoverKey, palette.hover, 1.5, view);
  outline(ctx, layout, input.selectionKey, palette.selection, 3, view);
  return stats;
}

/**
 * A region's header: "EU West (Dublin) · 62 instances · 3 unhealthy"; zones and clusters, which
 * have less room, carry their name and only what is wrong: "eu-west-a · 2 unhealthy".
 */
function headerText(group: PlacementGroup): string {
  const { tally } = group;
  const unhealthy = tally.unhealthy > 0 ? ` · ${tally.unhealthy} unhealthy` : "";
  if (group.level !== "region") return `${group.name}${unhealthy}`;
  return `${group.name} · ${tally.instances} instance${tally.instances === 1 ? "" : "s"}${unhealthy}`;
}

const intersects = (a: MapBox, b: MapBox) =>
  a.x <= b.x + b.w && a.x + a.w >= b.x && a.y <= b.y + b.h && a.y + a.h >= b.y;

/**
 * One path, one fill for every rectangle of a colour. With `snap`, on whole pixels: edges on
 * pixel boundaries rasterise faster and look sharper, each edge rounded (not the size) so
 * neighbours keep their gaps. Cells of a few pixels are not snapped: rounding their sub-pixel gaps
 * would merge some cells into bars.
 */
function fillRects(ctx: MapDrawingContext, list: RectList, colour: string, snap: boolean) {
  if (list.length === 0) return;
  const { values } = list;
  ctx.fillStyle = colour;
  ctx.beginPath();
  if (!snap) {
    for (let i = 0; i < list.length; i += 4)
      ctx.rect(values[i] ?? 0, values[i + 1] ?? 0, values[i + 2] ?? 0, values[i + 3] ?? 0);
    ctx.fill();
    return;
  }
  for (let i = 0; i < list.length; i += 4) {
    const x = values[i] ?? 0;
    const y = values[i + 1] ?? 0;
    const left = Math.round(x);
    const top = Math.round(y);
    const width = Math.max(1, Math.round(x + (values[i + 2] ?? 0)) - left);
    const height = Math.max(1, Math.round(y + (values[i + 3] ?? 0)) - top);
    ctx.rect(left, top, width, height);
  }
  ctx.fill();
}

function strokeCrosses(ctx: MapDrawingContext, list: RectList, colour: string) {
  if (list.length === 0) return;
  const { values } = list;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let i = 0; i < list.length; i += 4) {
    const [x, y, w, h] = [values[i] ?? 0, values[i + 1] ?? 0, values[i + 2] ?? 0, values[i + 3] ?? 0];
    const inset = Math.min(w, h) * 0.25;
    ctx.moveTo(x + inset, y + inset);
    ctx.lineTo(x + w - inset, y + h - inset);
    ctx.moveTo(x + w - inset, y + inset);
    ctx.lineTo(x + inset, y + h - inset);
  }
  ctx.stroke();
}

function outline(
  ctx: MapDrawingContext,
  layout: MapLayout,
  key: string | null,
  colour: string,
  widthPx: number,
  view: ViewTransform,
) {
  if (key === null) return;
  ctx.strokeStyle = colour;
  ctx.lineWidth = widthPx;
  for (const box of boxesOfSelection(layout, key)) {
    const pad = widthPx / 2 + 1;
    ctx.strokeRect(
      box.x * view.scale + view.x - pad,
      box.y * view.scale + view.y - pad,
      box.w * view.scale + 2 * pad,
      box.h * view.scale + 2 * pad,
    );
  }
}
