import { rollupPlacement } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import {
  boundingBox,
  boxesOfSelection,
  cellBox,
  cellIndexAt,
  cellSize,
  layoutPlacement,
  type MapBox,
  type MapGroupBox,
  packRows,
  sameStructure,
  spacingScale,
} from "./map-layout.ts";
import { testPlacement, withInstances } from "./test-placement.ts";

const inside = (inner: MapBox, outer: MapBox) =>
  inner.x >= outer.x - 1e-9 &&
  inner.y >= outer.y - 1e-9 &&
  inner.x + inner.w <= outer.x + outer.w + 1e-9 &&
  inner.y + inner.h <= outer.y + outer.h + 1e-9;

const overlap = (a: MapBox, b: MapBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Checks a level of boxes: each inside its parent's content (below its header), none overlapping. */
function expectNested(children: MapGroupBox[], parent: MapBox) {
  children.forEach((child, i) => {
    expect(inside(child.box, parent), `${child.key} inside its parent`).toBe(true);
    for (const other of children.slice(i + 1))
      expect(overlap(child.box, other.box), `${child.key} / ${other.key}`).toBe(false);
    if (child.grid) {
      for (let index = 0; index < child.grid.count; index++)
        expect(inside(cellBox(child.grid, index), child.box)).toBe(true);
    }
    const content = { ...child.box, y: child.box.y + child.headerHeight, h: child.box.h - child.headerHeight };
    expectNested(child.children, content);
  });
}

describe("layoutPlacement", () => {
  const shapes = [
    { regions: 1, zones: 1, nodes: 1, perNode: 1 },
    { regions: 3, zones: 3, nodes: 5, perNode: 10 },
    { regions: 2, zones: 1, nodes: 40, perNode: 3 },
    { regions: 5, zones: 2, nodes: 2, perNode: 13 },
  ];

  it("nests every box inside its parent, without overlaps, with every instance in a cell of its node", () => {
    for (const shape of shapes) {
      const rollup = rollupPlacement(testPlacement(shape));
      const layout = layoutPlacement(rollup);
      expectNested(layout.regions, { x: 0, y: 0, w: layout.width, h: layout.height });
      for (const instance of rollup.instances) {
        const cell = layout.cellOf(instance.id);
        expect(cell?.node.selectionKey).toBe(`node:${instance.nodeId}`);
      }
      expect(layout.cellOf("no-such-instance")).toBeUndefined();
    }
  });

  it("comes out wide enough for a screen, whatever the fleet's shape", () => {
    for (const shape of shapes.slice(1)) {
      const layout = layoutPlacement(rollupPlacement(testPlacement(shape)));
      const aspect = layout.width / layout.height;
      expect(aspect, JSON.stringify(shape)).toBeGreaterThan(0.9);
      expect(aspect, JSON.stringify(shape)).toBeLessThan(3.5);
    }
  });

  it("gives the same boxes to the same structure: a live update only changes health", () => {
    const before = testPlacement();
    const after = withInstances(before, { "r0-z0-n0-0": { up: false, healthy: false, pauseP99Seconds: null } });
    const [a, b] = [rollupPlacement(before), rollupPlacement(after)];
    expect(sameStructure(a, b)).toBe(true);
    expect(JSON.stringify(layoutPlacement(b).regions)).toBe(JSON.stringify(layoutPlacement(a).regions));
  });

  it("sees another structure when an instance comes, goes or moves, or a place changes", () => {
    const before = testPlacement();
    const base = rollupPlacement(before);
    const changed = [
      { ...before, instances: before.instances.slice(1) },
      withInstances(before, { "r0-z0-n0-0": { nodeId: "r0-z0-n1", zoneId: "r0-z0" } }),
      { ...before, instances: [...before.instances.slice(1), before.instances[0] ?? before.instances[1]!] },
      {
        ...before,
        nodes: [...before.nodes, { id: "r9-n", name: "r9-n", clusterId: "r0-k8s", zoneId: "r0-z0", ready: true }],
      },
    ];
    for (const snapshot of changed) expect(sameStructure(base, rollupPlacement(snapshot))).toBe(false);
  });

  it("gives a large fleet's places taller name strips, so names fit when the whole map is on screen", () => {
    expect(spacingScale(200)).toBe(1);
    expect(spacingScale(10_000)).toBeGreaterThan(1.5);
    const small = layoutPlacement(rollupPlacement(testPlacement()));
    const large = layoutPlacement(rollupPlacement(testPlacement({ regions: 3, zones: 3, nodes: 100, perNode: 11 })));
    expect(large.regions[0]?.headerHeight).toBeGreaterThan(1.5 * (small.regions[0]?.headerHeight ?? 0));
  });

  it("finds each box of a selection: a cluster has one per zone it spans", () => {
    const layout = layoutPlacement(rollupPlacement(testPlacement({ regions: 1, zones: 3 })));
    expect(boxesOfSelection(layout, "cluster:r0-k8s")).toHaveLength(3);
    expect(boxesOfSelection(layout, "region:r0")).toHaveLength(1);
    const [cell] = boxesOfSelection(layout, "instance:r0-z1-n2-3");
    expect(cell?.w).toBe(cellSize);
    expect(boxesOfSelection(layout, "instance:nope")).toEqual([]);
    expect(boxesOfSelection(layout, "node:nope")).toEqual([]);
  });
});

describe("cells", () => {
  const grid = { x: 3, y: 3, cols: 4, count: 10 };

  it("finds the cell under a point, and nothing between cells or past the last", () => {
    for (let index = 0; index < grid.count; index++) {
      const box = cellBox(grid, index);
      expect(cellIndexAt(grid, box.x + box.w / 2, box.y + box.h / 2)).toBe(index);
    }
    const first = cellBox(grid, 0);
    expect(cellIndexAt(grid, first.x + cellSize + 1, first.y + 1)).toBe(-1);
    expect(cellIndexAt(grid, 0, 0)).toBe(-1);
    const last = cellBox(grid, 11);
    expect(cellIndexAt(grid, last.x + 1, last.y + 1)).toBe(-1);
  });
});

describe("packRows", () => {
  it("keeps the boxes in order, row by row, without overlaps", () => {
    const boxes = Array.from({ length: 17 }, (_, i) => ({ x: 0, y: 0, w: 20 + (i % 3) * 10, h: 20 + (i % 2) * 8 }));
    const { width, height } = packRows(boxes, 4, 1.5);
    for (let i = 1; i < boxes.length; i++) {
      const [previous, box] = [boxes[i - 1] as MapBox, boxes[i] as MapBox];
      expect(box.y > previous.y || (box.y === previous.y && box.x > previous.x)).toBe(true);
      for (const other of boxes.slice(0, i)) expect(overlap(box, other)).toBe(false);
    }
    expect(boundingBox(boxes)).toEqual({ x: 0, y: 0, w: width, h: height });
  });

  it("lays nothing out for no boxes", () => {
    expect(packRows([], 4, 1)).toEqual({ width: 0, height: 0 });
    expect(boundingBox([])).toBeNull();
  });
});
