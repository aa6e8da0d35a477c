import type { PlacementGroup, PlacementInstance, PlacementRollup } from "@fleetdeck/core";
import { drawsLevel, type LevelOfDetail } from "./map-detail.ts";
import { cellIndexAt, type MapBox, type MapGroupBox, type MapLayout } from "./map-layout.ts";

/** What is under a point: the deepest entity drawn there. */
export type MapHit =
  | { kind: "group"; group: PlacementGroup; box: MapGroupBox }
  | { kind: "instance"; instance: PlacementInstance; node: MapGroupBox; index: number };

export const hitSelectionKey = (hit: MapHit) =>
  hit.kind === "group" ? hit.group.selectionKey : `instance:${hit.instance.id}`;

const contains = (box: MapBox, x: number, y: number) =>
  x >= box.x && y >= box.y && x <= box.x + box.w && y <= box.y + box.h;

/**
 * Descends the nested boxes to the deepest one under the map point (x, y) that is drawn at this
 * level of detail; no per-instance search: a node's cell is found by arithmetic on its grid. The
 * layout and the rollup have the same shape (the layout was computed for this structure).
 */
export function hitTest(
  layout: MapLayout,
  rollup: PlacementRollup,
  detail: LevelOfDetail,
  x: number,
  y: number,
): MapHit | null {
  let hit: MapHit | null = null;
  let boxes = layout.regions;
  let groups = rollup.regions;
  for (;;) {
    const index = boxes.findIndex((candidate) => contains(candidate.box, x, y));
    const box = boxes[index];
    const group = groups[index];
    if (!box || !group || !drawsLevel(detail, group.level)) return hit;
    hit = { kind: "group", group, box };
    if (box.grid) {
      if (!drawsLevel(detail, "instance")) return hit;
      const cell = cellIndexAt(box.grid, x, y);
      const instance = group.instances[cell];
      return instance ? { kind: "instance", instance, node: box, index: cell } : hit;
    }
    boxes = box.children;
    groups = group.children;
  }
}
