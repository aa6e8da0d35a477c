import type { FlameGraph } from "@fleetdeck/core";
import type { FrameColouring } from "./flame-colours.ts";
import { type FrameRects, frameRowPx } from "./flame-layout.ts";

/** The parts of a 2D context drawing uses, so tests can record the calls. */
export type FlameDrawingContext = Pick<
  CanvasRenderingContext2D,
  | "fillStyle"
  | "strokeStyle"
  | "lineWidth"
  | "font"
  | "textBaseline"
  | "beginPath"
  | "rect"
  | "fill"
  | "fillText"
  | "strokeRect"
  | "measureText"
  | "clearRect"
>;

export const labelFont = "12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const labelPaddingPx = 4;
/** Narrower frames get no label: a letter and an ellipsis tell nothing. */
const minLabelWidthPx = 28;

/** Measured label widths, one measureText per distinct string for as long as the font stays. */
export class LabelWidths {
  private readonly widths = new Map<string, number>();
  constructor(private readonly measure: (text: string) => number) {}

  of(text: string): number {
    let width = this.widths.get(text);
    if (width === undefined) {
      width = this.measure(text);
      this.widths.set(text, width);
    }
    return width;
  }
}

/**
 * The label that fits a frame: the whole name, else the name without its package path
 * ("github.com/x/y.(*T).M" → "y.(*T).M"), else a cut with an ellipsis; null when too little would show.
 */
export function fitLabel(name: string, availablePx: number, widths: LabelWidths): string | null {
  if (availablePx <= 0) return null;
  if (widths.of(name) <= availablePx) return name;
  // The package path ends before a receiver "(" or type arguments "[", which may hold other paths.
  const receiverOrTypeArguments = name.search(/[([]/);
  const lastSlash = name.lastIndexOf("/", receiverOrTypeArguments >= 0 ? receiverOrTypeArguments : name.length);
  const short = lastSlash >= 0 ? name.slice(lastSlash + 1) : name;
  const shortWidth = widths.of(short);
  if (shortWidth <= availablePx) return short;
  // Estimate from the average letter of this name: cutting never measures each candidate.
  const letters = Math.floor((availablePx / shortWidth) * short.length) - 1;
  return letters >= 3 ? `${short.slice(0, letters)}…` : null;
}

interface DrawOptions {
  widthPx: number;
  heightPx: number;
  colouring: FrameColouring;
  widths: LabelWidths;
  /** Outlined frames: the keyboard selection and the one under the pointer. */
  outlined: readonly number[];
  outlineColour: string;
}

/**
 * Draws the frames batched by colour: one path and one fill per colour, then the labels of each
 * colour, so a thousand frames cost a few dozen state changes, not thousands.
 */
export function drawFlameFrames(ctx: FlameDrawingContext, graph: FlameGraph, rects: FrameRects, options: DrawOptions) {
  const { colouring } = options;
  ctx.clearRect(0, 0, options.widthPx, options.heightPx);
  const colourCount = colouring.fills.length;
  // Counting sort of the frames by colour.
  const groupStart = new Uint32Array(colourCount + 1);
  for (let k = 0; k < rects.count; k++) groupStart[colouring.colourOf[rects.node[k]!]! + 1]!++;
  for (let c = 1; c <= colourCount; c++) groupStart[c]! += groupStart[c - 1]!;
  const next = groupStart.slice(0, colourCount);
  const order = new Uint32Array(rects.count);
  for (let k = 0; k < rects.count; k++) order[next[colouring.colourOf[rects.node[k]!]!]!++] = k;

  for (let c = 0; c < colourCount; c++) {
    if (groupStart[c] === groupStart[c + 1]) continue;
    ctx.fillStyle = colouring.fills[c]!;
    ctx.beginPath();
    for (let o = groupStart[c]!; o < groupStart[c + 1]!; o++) {
      const k = order[o]!;
      // A one-pixel gap between neighbours where there is room for it.
      const width = rects.width[k]! > 3 ? rects.width[k]! - 1 : rects.width[k]!;
      ctx.rect(rects.x[k]!, rects.y[k]!, width, frameRowPx - 1);
    }
    ctx.fill();
  }

  ctx.font = labelFont;
  ctx.textBaseline = "middle";
  for (let c = 0; c < colourCount; c++) {
    ctx.fillStyle = colouring.labels[c]!;
    for (let o = groupStart[c]!; o < groupStart[c + 1]!; o++) {
      const k = order[o]!;
      if (rects.width[k]! < minLabelWidthPx) continue;
      const name = graph.strings[graph.nodeName[rects.node[k]!]!] ?? "";
      const label = fitLabel(name, rects.width[k]! - 2 * labelPaddingPx, options.widths);
      if (label !== null) ctx.fillText(label, rects.x[k]! + labelPaddingPx, rects.y[k]! + (frameRowPx - 1) / 2);
    }
  }

  if (options.outlined.length > 0) {
    ctx.strokeStyle = options.outlineColour;
    ctx.lineWidth = 2;
    for (let k = 0; k < rects.count; k++) {
      if (options.outlined.includes(rects.node[k]!)) {
        ctx.strokeRect(rects.x[k]! + 1, rects.y[k]! + 1, Math.max(1, rects.width[k]! - 2), frameRowPx - 3);
      }
    }
  }
}
