import { type FlameGraph, packageOf } from "@fleetdeck/core";
import type { Theme } from "../../../lib/theme.ts";

type Rgb = readonly [number, number, number];

/**
 * The colours a graph's frames are filled with: a small palette and, per node, its index into it,
 * so the canvas fills all frames of one colour in one go.
 */
export interface FrameColouring {
  /** Per node: index into fills. */
  colourOf: Uint16Array;
  fills: string[];
  /** The label colour that reads on each fill. */
  labels: string[];
}

/** Frames that do not match a search or a chosen function, and the "(N smaller frames)" nodes. */
const neutral: Record<Theme, Rgb> = { light: [222, 226, 231], dark: [52, 58, 68] };
const merged: Record<Theme, Rgb> = { light: [196, 202, 210], dark: [72, 80, 92] };
const grew: Record<Theme, Rgb> = { light: [224, 52, 52], dark: [214, 64, 60] };
const shrank: Record<Theme, Rgb> = { light: [48, 108, 224], dark: [56, 120, 226] };

/** How many shades each of growth and shrink gets: few enough to batch, enough to read. */
export const diffShades = 8;

/**
 * A change of this share of the profile or more is drawn at full strength; smaller ones fade
 * towards grey along a square root, so a 1 % change is still visible.
 */
export const fullStrengthChangeRatio = 0.1;

/** Below this share of the profile a frame counts as unchanged. */
export const unchangedRatio = 0.0001;

/** A stable hue for a package (FNV-1a of its name), so a package keeps its colour across profiles. */
export function packageHue(packageName: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < packageName.length; i++) {
    hash ^= packageName.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 360;
}

/** A package's fill: light and soft on the light theme, deep and muted on the dark one. */
export function packageFill(packageName: string, theme: Theme): Rgb {
  const hue = packageHue(packageName);
  return theme === "light" ? hslToRgb(hue, 0.62, 0.74) : hslToRgb(hue, 0.42, 0.36);
}

/**
 * Which shade a diff frame takes: positive for growth, negative for shrink, 0 when unchanged.
 * The change is measured against the whole profile, so a frame's colour says how much it matters.
 */
export function diffShade(changeRatio: number): number {
  const size = Math.abs(changeRatio);
  if (!Number.isFinite(size) || size < unchangedRatio) return 0;
  const strength = Math.min(1, Math.sqrt(size / fullStrengthChangeRatio));
  return Math.sign(changeRatio) * Math.max(1, Math.ceil(strength * diffShades));
}

/** A diff shade's fill: grey mixed towards red (growth) or blue (shrink). */
export function diffFill(shade: number, theme: Theme): Rgb {
  if (shade === 0) return neutral[theme];
  return mix(neutral[theme], shade > 0 ? grew[theme] : shrank[theme], Math.abs(shade) / diffShades);
}

/**
 * Colours every node: by package for one profile, by change for a diff. With a highlight (search
 * matches or one function's frames), everything else is greyed so the matches stand out.
 */
export function colourFrames(graph: FlameGraph, theme: Theme, highlight: Uint8Array | null = null): FrameColouring {
  const palette = new PaletteBuilder();
  const count = graph.nodeName.length;
  const colourOf = new Uint16Array(count);
  const dimmed = palette.add("dimmed", neutral[theme]);
  const mergedColour = palette.add("merged", merged[theme]);
  const byName = new Int32Array(graph.strings.length).fill(-1);
  for (let i = 0; i < count; i++) {
    if (highlight !== null && highlight[i] !== 1) {
      colourOf[i] = dimmed;
    } else if (graph.nodeMerged[i]! > 0) {
      colourOf[i] = mergedColour;
    } else if (graph.kind === "diff" && graph.baseTotal) {
      const change = graph.profileTotal > 0 ? (graph.nodeTotal[i]! - graph.baseTotal[i]!) / graph.profileTotal : 0;
      const shade = diffShade(change);
      colourOf[i] = palette.add(`diff:${shade}`, diffFill(shade, theme));
    } else {
      const name = graph.nodeName[i]!;
      if (byName[name] === -1) {
        const packageName = packageOf(graph.strings[name] ?? "");
        byName[name] = palette.add(`package:${packageName}`, packageFill(packageName, theme));
      }
      colourOf[i] = byName[name]!;
    }
  }
  return { colourOf, fills: palette.fills, labels: palette.labels };
}

class PaletteBuilder {
  readonly fills: string[] = [];
  readonly labels: string[] = [];
  private readonly indexByKey = new Map<string, number>();

  add(key: string, rgb: Rgb): number {
    let index = this.indexByKey.get(key);
    if (index === undefined) {
      index = this.fills.length;
      this.indexByKey.set(key, index);
      this.fills.push(`rgb(${rgb[0]} ${rgb[1]} ${rgb[2]})`);
      this.labels.push(labelColourOn(rgb));
    }
    return index;
  }
}

/** Dark text on light fills and light text on dark ones (WCAG relative luminance, split at its midpoint). */
export function labelColourOn(rgb: Rgb): string {
  const linear = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]!;
  return luminance > 0.18 ? "#1b1f24" : "#f0f3f6";
}

function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  return [0, 1, 2].map((c) => Math.round(from[c]! + (to[c]! - from[c]!) * amount)) as unknown as Rgb;
}

/** HSL (hue in degrees, saturation and lightness 0..1) to 0..255 RGB, as CSS defines it. */
function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - (chroma / 2) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}
