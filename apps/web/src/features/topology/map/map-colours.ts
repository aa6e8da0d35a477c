import type { HealthLens, HealthPolicy, PlacementInstance, PlacementTally } from "@fleetdeck/core";
import { formatSeconds } from "@fleetdeck/core";
import type { Theme } from "../../../lib/theme.ts";

/**
 * What a cell's or a box's colour says through a lens. Value lenses: within the policy (good),
 * close to its threshold (near), past it (over), not measured (unknown); every lens: not
 * answering (down). The up lens: up or down.
 */
export type MapBand = "good" | "near" | "over" | "unknown" | "down" | "up" | "empty";

/** Every band, in the order the canvas batches them (index = palette slot). */
export const mapBands: readonly MapBand[] = ["good", "near", "over", "unknown", "down", "up", "empty"];

/** How much worse one band is than another, for "worst of" colours. */
const severity: Record<MapBand, number> = { empty: 0, unknown: 1, good: 2, up: 2, near: 3, over: 4, down: 5 };

/** "Near" starts this close to a maximum (pause, GC CPU): 80 % of it. */
const nearMaximumRatio = 0.8;
/** "Near" starts this close to a minimum (headroom): twice it. */
const nearMinimumRatio = 2;

function bandOfMaximum(value: number | null, maximum: number): MapBand {
  if (value === null) return "unknown";
  if (value > maximum) return "over";
  return value >= maximum * nearMaximumRatio ? "near" : "good";
}

function bandOfMinimum(value: number | null, minimum: number): MapBand {
  if (value === null) return "unknown";
  if (value < minimum) return "over";
  return value < minimum * nearMinimumRatio ? "near" : "good";
}

/** A figure's band through a value lens. */
export function bandOfFigure(lens: Exclude<HealthLens, "up">, value: number | null, policy: HealthPolicy): MapBand {
  switch (lens) {
    case "pauseP99":
      return bandOfMaximum(value, policy.maxPauseP99Seconds);
    case "gcCpu":
      return bandOfMaximum(value, policy.maxGcCpuFraction);
    case "headroom":
      return bandOfMinimum(value, policy.minMemoryHeadroomRatio);
  }
}

export function instanceBand(instance: PlacementInstance, lens: HealthLens, policy: HealthPolicy): MapBand {
  if (!instance.up) return "down";
  switch (lens) {
    case "up":
      return "up";
    case "pauseP99":
      return bandOfFigure(lens, instance.pauseP99Seconds, policy);
    case "gcCpu":
      return bandOfFigure(lens, instance.gcCpuFraction, policy);
    case "headroom":
      return bandOfFigure(lens, instance.memoryHeadroomRatio, policy);
  }
}

/**
 * A place's colour: the worst of its instances. Down beats any figure; otherwise the worst figure
 * measured decides, and a place with no instance at all is "empty".
 */
export function tallyBand(tally: PlacementTally, lens: HealthLens, policy: HealthPolicy): MapBand {
  if (tally.instances === 0) return "empty";
  if (tally.down > 0) return "down";
  switch (lens) {
    case "up":
      return "up";
    case "pauseP99":
      return bandOfFigure(lens, tally.worstPauseP99Seconds, policy);
    case "gcCpu":
      return bandOfFigure(lens, tally.worstGcCpuFraction, policy);
    case "headroom":
      return bandOfFigure(lens, tally.worstHeadroomRatio, policy);
  }
}

export const worseBand = (a: MapBand, b: MapBand) => (severity[b] > severity[a] ? b : a);

export interface LegendEntry {
  band: MapBand;
  label: string;
}

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** What each colour means under a lens, with the policy's own thresholds. */
export function legendFor(lens: HealthLens, policy: HealthPolicy): LegendEntry[] {
  const down: LegendEntry = { band: "down", label: "Down" };
  const unknown: LegendEntry = { band: "unknown", label: "No data" };
  switch (lens) {
    case "up":
      return [{ band: "up", label: "Up" }, down];
    case "pauseP99": {
      const max = policy.maxPauseP99Seconds;
      const near = formatSeconds(max * nearMaximumRatio);
      return [
        { band: "good", label: `Pause p99 < ${near}` },
        { band: "near", label: `${near} – ${formatSeconds(max)}` },
        { band: "over", label: `> ${formatSeconds(max)}` },
        unknown,
        down,
      ];
    }
    case "gcCpu": {
      const max = policy.maxGcCpuFraction;
      return [
        { band: "good", label: `GC CPU < ${percent(max * nearMaximumRatio)}` },
        { band: "near", label: `${percent(max * nearMaximumRatio)} – ${percent(max)}` },
        { band: "over", label: `> ${percent(max)}` },
        unknown,
        down,
      ];
    }
    case "headroom": {
      const min = policy.minMemoryHeadroomRatio;
      return [
        { band: "good", label: `Headroom ≥ ${percent(min * nearMinimumRatio)}` },
        { band: "near", label: `${percent(min)} – ${percent(min * nearMinimumRatio)}` },
        { band: "over", label: `< ${percent(min)}` },
        unknown,
        down,
      ];
    }
  }
}

/** What the lens is called where people choose it. */
export const lensLabels: Record<HealthLens, string> = {
  up: "Up / down",
  pauseP99: "GC pause p99",
  gcCpu: "GC CPU",
  headroom: "Memory headroom",
};

/** The canvas's colours for one theme. */
export interface MapPalette {
  band: Record<MapBand, string>;
  /** The cross drawn over a down cell, so down reads without colour. */
  downMark: string;
  background: string;
  region: string;
  zone: string;
  cluster: string;
  node: string;
  border: string;
  text: string;
  mutedText: string;
  /** Text on a band's colour. */
  textOn: Record<MapBand, string>;
  selection: string;
  hover: string;
  notReady: string;
}

const palettes: Record<Theme, MapPalette> = {
  dark: {
    band: {
      good: "#2ea043",
      up: "#2ea043",
      near: "#d29922",
      over: "#f85149",
      unknown: "#59636e",
      down: "#6e0f16",
      empty: "#2a313c",
    },
    downMark: "#ff9a93",
    background: "#0e1116",
    region: "#141920",
    zone: "#1a2028",
    cluster: "#212833",
    node: "#2a323e",
    border: "#3d4757",
    text: "#e6e9ef",
    mutedText: "#9ba6b4",
    textOn: {
      good: "#04260f",
      up: "#04260f",
      near: "#2b1d00",
      over: "#2d0605",
      unknown: "#f0f3f6",
      down: "#ffe1de",
      empty: "#c9d1d9",
    },
    selection: "#79c0ff",
    hover: "#c9d1d9",
    notReady: "#ff7b72",
  },
  light: {
    band: {
      good: "#2da44e",
      up: "#2da44e",
      near: "#e3a008",
      over: "#e5383b",
      unknown: "#b4bcc6",
      down: "#3b0a10",
      empty: "#e6eaef",
    },
    downMark: "#ff8a80",
    background: "#f3f5f8",
    region: "#ffffff",
    zone: "#f6f8fa",
    cluster: "#eef1f5",
    node: "#e1e6ec",
    border: "#c3cbd4",
    text: "#1b1f24",
    mutedText: "#57606a",
    textOn: {
      good: "#ffffff",
      up: "#ffffff",
      near: "#2b1d00",
      over: "#ffffff",
      unknown: "#1b1f24",
      down: "#ffe1de",
      empty: "#57606a",
    },
    selection: "#0a5bd3",
    hover: "#1b1f24",
    notReady: "#cf222e",
  },
};

export const mapPalette = (theme: Theme): MapPalette => palettes[theme];
