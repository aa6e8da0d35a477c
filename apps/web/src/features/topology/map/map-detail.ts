import type { PlacementLevel } from "@fleetdeck/core";
import { cellSize, nodePad } from "./map-layout.ts";

/** The smallest an instance cell is drawn, in pixels: below, a node is one box coloured by its worst. */
const minCellPx = 2.5;
/** The smallest a node of one instance is drawn, in pixels: below, a cluster is one box. */
const minNodePx = 2;
/** Cells this big carry their instance's name. */
const cellLabelPx = 44;

/** What the map draws at a scale: the deepest level a click picks is the deepest one drawn. */
export interface LevelOfDetail {
  /** The deepest level drawn as its own boxes. */
  deepest: PlacementLevel | "instance";
  cellLabels: boolean;
  /** Node names, in the node's padding above its cells. */
  nodeLabels: boolean;
}

/**
 * Zoomed out, the map draws places as boxes coloured by their worst instance (10,000 cells of one
 * pixel would say nothing and cost the most); zoomed in, every instance is its own cell.
 */
export function levelOfDetail(scale: number): LevelOfDetail {
  const cellPx = cellSize * scale;
  const smallestNodePx = (cellSize + 2 * nodePad) * scale;
  const deepest = cellPx >= minCellPx ? "instance" : smallestNodePx >= minNodePx ? "node" : "cluster";
  return { deepest, cellLabels: cellPx >= cellLabelPx, nodeLabels: nodePad * scale >= 12 };
}

const depth: Record<PlacementLevel | "instance", number> = { region: 0, zone: 1, cluster: 2, node: 3, instance: 4 };

/** Whether a level is drawn as its own boxes at this level of detail. */
export const drawsLevel = (detail: LevelOfDetail, level: PlacementLevel | "instance") =>
  depth[level] <= depth[detail.deepest];
