import type { PlacementGroup, PlacementLevel, PlacementRollup } from "@fleetdeck/core";

/** A rectangle in map units (the world the view transform scales and moves). */
export interface MapBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A node's instance cells: `count` cells in rows of `cols`, from (x, y). */
export interface MapCellGrid {
  x: number;
  y: number;
  cols: number;
  count: number;
}

/** One placed box of the placement tree, in the same order as the rollup's groups. */
export interface MapGroupBox {
  key: string;
  selectionKey: string;
  level: PlacementLevel;
  box: MapBox;
  /** The strip at the top that carries the group's name (0 for nodes). */
  headerHeight: number;
  children: MapGroupBox[];
  /** Nodes only. */
  grid: MapCellGrid | null;
}

export interface MapLayout {
  regions: MapGroupBox[];
  width: number;
  height: number;
  /** Each selectable entity's boxes by selection key: a cluster spanning zones has one per zone. */
  boxesBySelection: Map<string, MapGroupBox[]>;
  /**
   * Where an instance's cell is: its node's box and its index in the node's grid. Indexed on
   * first use (a selection, a fly-to), not while laying out: the first frame does not need it.
   */
  cellOf(instanceId: string): { node: MapGroupBox; index: number } | undefined;
}

/** An instance cell's side and the gap between cells, in map units. */
export const cellSize = 10;
export const cellGap = 2;
export const cellPitch = cellSize + cellGap;

interface LevelSpacing {
  /** Inside the box, around its content. */
  pad: number;
  /** The name strip above the content. */
  header: number;
  /** Between children. */
  gap: number;
  /** The width / height the children's packing aims for (regions: see regionAspect). */
  aspect: number;
}

/** Larger places get more room around them, so the nesting reads at a glance. */
const spacing: Record<Exclude<PlacementLevel, "node">, LevelSpacing> = {
  region: { pad: 12, header: 28, gap: 12, aspect: 1.1 },
  zone: { pad: 8, header: 20, gap: 8, aspect: 1.3 },
  cluster: { pad: 6, header: 16, gap: 4, aspect: 1.5 },
};
export const nodePad = 3;
const regionGap = 28;
/** The whole map aims at a wide screen. */
const mapAspect = 1.6;
/** Up to this many regions stand side by side in one row, each as tall as it needs. */
const regionsInOneRow = 4;

/**
 * How much room around places grows with the map: a large fleet is seen from further away, and
 * its places' names must still fit their header strips when the whole map is on screen.
 */
export function spacingScale(instanceCount: number): number {
  return Math.min(3, Math.max(1, Math.sqrt(instanceCount) / 60));
}

/**
 * A few regions stand side by side, each shaped to its share of the map's width, so the map fills
 * a wide screen; more regions wrap in rows of squarish boxes.
 */
function regionAspect(regionCount: number): number {
  return regionCount <= regionsInOneRow ? mapAspect / Math.max(1, regionCount) : spacing.region.aspect;
}

/**
 * Whether two rollups have the same structure: the same places in the same order, and the same
 * instances in each node. A live update that only changes health has the same structure, so the
 * layout (and with it every box on screen) is kept. Stops at the first difference.
 */
export function sameStructure(a: PlacementRollup, b: PlacementRollup): boolean {
  if (a === b) return true;
  if (a.total.instances !== b.total.instances) return false;
  return sameGroups(a.regions, b.regions);
}

function sameGroups(a: readonly PlacementGroup[], b: readonly PlacementGroup[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const left = a[i];
    const right = b[i];
    if (!left || !right || left.key !== right.key || left.level !== right.level) return false;
    if (left.level === "node") {
      const [x, y] = [left.instances, right.instances];
      if (x.length !== y.length) return false;
      for (let j = 0; j < x.length; j++) if (x[j]?.id !== y[j]?.id) return false;
    } else if (!sameGroups(left.children, right.children)) return false;
  }
  return true;
}

/**
 * Nested boxes: regions, zones within, cluster parts within, nodes within, and each node's
 * instances as a square-ish grid of cells. Children are packed in rows whose width is chosen so
 * the parent comes out near its level's aspect ratio. Pure and computed once per structure.
 */
export function layoutPlacement(rollup: PlacementRollup): MapLayout {
  const boxesBySelection = new Map<string, MapGroupBox[]>();
  const grow = spacingScale(rollup.total.instances);
  const nodesWithInstances: { node: MapGroupBox; instances: readonly { id: string }[] }[] = [];

  const place = (group: PlacementGroup, aspect: number): MapGroupBox => {
    const laid: MapGroupBox = {
      key: group.key,
      selectionKey: group.selectionKey,
      level: group.level,
      box: { x: 0, y: 0, w: 0, h: 0 },
      headerHeight: 0,
      children: [],
      grid: null,
    };
    const known = boxesBySelection.get(group.selectionKey);
    if (known) known.push(laid);
    else boxesBySelection.set(group.selectionKey, [laid]);

    if (group.level === "node") {
      const count = group.instances.length;
      const cols = Math.max(1, Math.ceil(Math.sqrt(count)));
      const rows = Math.max(1, Math.ceil(count / cols));
      laid.grid = { x: nodePad, y: nodePad, cols, count };
      laid.box.w = 2 * nodePad + cols * cellPitch - cellGap;
      laid.box.h = 2 * nodePad + rows * cellPitch - cellGap;
      nodesWithInstances.push({ node: laid, instances: group.instances });
      return laid;
    }
    const { pad, header, gap } = scaled(spacing[group.level], grow);
    laid.children = group.children.map((child) =>
      place(child, child.level === "node" ? 0 : spacing[child.level].aspect),
    );
    const packed = packRows(
      laid.children.map((child) => child.box),
      gap,
      aspect,
    );
    laid.headerHeight = header;
    laid.box.w = Math.max(packed.width + 2 * pad, header * 2.5);
    laid.box.h = packed.height + header + 2 * pad;
    for (const child of laid.children) moveTo(child, child.box.x + pad, child.box.y + header + pad);
    return laid;
  };

  const regions = rollup.regions.map((region) => place(region, regionAspect(rollup.regions.length)));
  const packed = packRows(
    regions.map((region) => region.box),
    regionGap * grow,
    mapAspect,
  );
  for (const region of regions) moveTo(region, region.box.x, region.box.y);
  return {
    regions,
    width: packed.width,
    height: packed.height,
    boxesBySelection,
    cellOf: indexCells(nodesWithInstances),
  };
}

function indexCells(nodes: readonly { node: MapGroupBox; instances: readonly { id: string }[] }[]) {
  let cells: Map<string, { node: MapGroupBox; index: number }> | null = null;
  return (instanceId: string) => {
    if (cells === null) {
      const index = new Map<string, { node: MapGroupBox; index: number }>();
      for (const { node, instances } of nodes)
        for (let i = 0; i < instances.length; i++) index.set(instances[i]?.id ?? "", { node, index: i });
      cells = index;
    }
    return cells.get(instanceId);
  };
}

/**
 * Puts a box laid out at the origin (its content placed relative to it) at (x, y), moving what is
 * inside with it. packRows has already written (x, y) into the box itself.
 */
function moveTo(group: MapGroupBox, x: number, y: number) {
  group.box.x = 0;
  group.box.y = 0;
  shift(group, x, y);
}

const scaled = (level: LevelSpacing, by: number): LevelSpacing => ({
  pad: level.pad * by,
  header: level.header * by,
  gap: level.gap * by,
  aspect: level.aspect,
});

/** Moves a placed box and everything in it (and its grid) by (dx, dy). */
function shift(group: MapGroupBox, dx: number, dy: number) {
  group.box.x += dx;
  group.box.y += dy;
  if (group.grid) {
    group.grid.x += dx;
    group.grid.y += dy;
  }
  for (const child of group.children) shift(child, dx, dy);
}

/**
 * Packs boxes left to right in rows (in their order, so places stay in id order), trying a few
 * row widths and keeping the one whose result is closest to the aspect ratio without wasting
 * much room. Sets each box's x and y, relative to the packing's top left.
 */
export function packRows(boxes: MapBox[], gap: number, aspect: number): { width: number; height: number } {
  if (boxes.length === 0) return { width: 0, height: 0 };
  let area = 0;
  let widest = 0;
  let totalWidth = 0;
  for (const box of boxes) {
    area += box.w * box.h;
    widest = Math.max(widest, box.w);
    totalWidth += box.w + gap;
  }
  const ideal = Math.sqrt(area * aspect);
  const candidates = new Set([widest, totalWidth]);
  for (let factor = 0.5; factor <= 2.01; factor += 0.1) candidates.add(Math.max(widest, ideal * factor));

  let best = { rowWidth: widest, score: Number.POSITIVE_INFINITY };
  for (const rowWidth of candidates) {
    const { width, height } = shelve(boxes, gap, rowWidth, false);
    const score = Math.abs(Math.log(width / height / aspect)) + 0.5 * Math.log((width * height) / area);
    if (score < best.score) best = { rowWidth, score };
  }
  return shelve(boxes, gap, best.rowWidth, true);
}

function shelve(boxes: MapBox[], gap: number, rowWidth: number, write: boolean) {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const box of boxes) {
    if (x > 0 && x + box.w > rowWidth + 0.001) {
      y += rowHeight + gap;
      x = 0;
      rowHeight = 0;
    }
    if (write) {
      box.x = x;
      box.y = y;
    }
    width = Math.max(width, x + box.w);
    x += box.w + gap;
    rowHeight = Math.max(rowHeight, box.h);
  }
  return { width, height: y + rowHeight };
}

/** The box of a node's index-th instance cell. */
export function cellBox(grid: MapCellGrid, index: number): MapBox {
  const col = index % grid.cols;
  const row = Math.floor(index / grid.cols);
  return { x: grid.x + col * cellPitch, y: grid.y + row * cellPitch, w: cellSize, h: cellSize };
}

/** The index of the cell at (x, y) inside a grid, or -1 between cells and outside. */
export function cellIndexAt(grid: MapCellGrid, x: number, y: number): number {
  const dx = x - grid.x;
  const dy = y - grid.y;
  if (dx < 0 || dy < 0) return -1;
  const col = Math.floor(dx / cellPitch);
  const row = Math.floor(dy / cellPitch);
  if (col >= grid.cols || dx - col * cellPitch > cellSize || dy - row * cellPitch > cellSize) return -1;
  const index = row * grid.cols + col;
  return index < grid.count ? index : -1;
}

/** Every box of a selection (the cell of an instance; each zone's part of a cluster). */
export function boxesOfSelection(layout: MapLayout, selectionKey: string): MapBox[] {
  if (selectionKey.startsWith("instance:")) {
    const cell = layout.cellOf(selectionKey.slice("instance:".length));
    return cell?.node.grid ? [cellBox(cell.node.grid, cell.index)] : [];
  }
  return (layout.boxesBySelection.get(selectionKey) ?? []).map((group) => group.box);
}

/** The smallest box around several. */
export function boundingBox(boxes: readonly MapBox[]): MapBox | null {
  if (boxes.length === 0) return null;
  let [left, top, right, bottom] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, -Infinity, -Infinity];
  for (const box of boxes) {
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.w);
    bottom = Math.max(bottom, box.y + box.h);
  }
  return { x: left, y: top, w: right - left, h: bottom - top };
}
