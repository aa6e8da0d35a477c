import { defaultHealthPolicy, type PlacementSnapshot, rollupPlacement } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { mapPalette } from "./map-colours.ts";
import { drawPlacementMap, type MapDrawingContext, MapTextWidths, RectBatches } from "./map-draw.ts";
import { boxesOfSelection, cellBox, layoutPlacement } from "./map-layout.ts";
import { fitTransform, type ViewTransform, visibleWorld } from "./map-view.ts";
import { testPlacement, withInstances } from "./test-placement.ts";

const palette = mapPalette("dark");
const viewport = { width: 1200, height: 800 };

/** A 2D context that records what is drawn, with the style in force at each call. */
function recordingContext() {
  const calls: { op: string; style: string; args: number[]; text?: string }[] = [];
  const ctx = {
    fillStyle: "",
    strokeStyle: "",
    lineWidth: 1,
    font: "",
    textBaseline: "alphabetic",
    fillRect: (...args: number[]) => calls.push({ op: "fillRect", style: String(ctx.fillStyle), args }),
    strokeRect: (...args: number[]) => calls.push({ op: "strokeRect", style: String(ctx.strokeStyle), args }),
    beginPath: () => {},
    rect: (...args: number[]) => calls.push({ op: "rect", style: String(ctx.fillStyle), args }),
    fill: () => calls.push({ op: "fill", style: String(ctx.fillStyle), args: [] }),
    stroke: () => calls.push({ op: "stroke", style: String(ctx.strokeStyle), args: [] }),
    moveTo: (...args: number[]) => calls.push({ op: "moveTo", style: String(ctx.strokeStyle), args }),
    lineTo: () => {},
    fillText: (text: string, ...args: number[]) => calls.push({ op: "text", style: String(ctx.fillStyle), args, text }),
    setLineDash: () => {},
  };
  return { ctx: ctx as unknown as MapDrawingContext, calls };
}

function draw(
  snapshot: PlacementSnapshot,
  view: (layout: ReturnType<typeof layoutPlacement>) => ViewTransform,
  selectionKey: string | null = null,
) {
  const rollup = rollupPlacement(snapshot);
  const layout = layoutPlacement(rollup);
  const { ctx, calls } = recordingContext();
  const transform = view(layout);
  const stats = drawPlacementMap(ctx, {
    layout,
    rollup,
    lens: "pauseP99",
    policy: defaultHealthPolicy,
    palette,
    view: transform,
    viewport,
    widths: new MapTextWidths((_font, text) => text.length * 6),
    batches: new RectBatches(),
    selectionKey,
    hoverKey: null,
  });
  return { calls, stats, layout, transform };
}

const whole = (layout: ReturnType<typeof layoutPlacement>) =>
  fitTransform({ x: 0, y: 0, w: layout.width, h: layout.height }, viewport);

describe("drawPlacementMap", () => {
  it("zoomed to fit a small fleet, draws every instance as a cell, batched into one fill per colour", () => {
    const snapshot = withInstances(testPlacement(), {
      "r0-z0-n0-0": { pauseP99Seconds: 0.05, healthy: false },
      "r1-z1-n2-3": { up: false, healthy: false, pauseP99Seconds: null },
    });
    const { calls, stats } = draw(snapshot, whole);
    expect(stats.detail.deepest).toBe("instance");
    expect(stats.cells).toBe(snapshot.instances.length);
    const cellRects = (colour: string) => calls.filter((c) => c.op === "rect" && c.style === colour).length;
    expect(cellRects(palette.band.over)).toBe(1);
    expect(cellRects(palette.band.down)).toBe(1);
    expect(cellRects(palette.band.good)).toBe(snapshot.instances.length - 2);
    expect(calls.filter((c) => c.op === "fill" && c.style === palette.band.good)).toHaveLength(1);
  });

  it("marks a down cell with a cross, so down reads without colour", () => {
    const snapshot = withInstances(testPlacement({ regions: 1, zones: 1, nodes: 1, perNode: 1 }), {
      "r0-z0-n0-0": { up: false, healthy: false },
    });
    const { calls } = draw(snapshot, whole);
    expect(calls.filter((c) => c.op === "moveTo" && c.style === palette.downMark)).toHaveLength(2);
  });

  it("zoomed far out, fills each cluster with its worst colour instead of thousands of cells", () => {
    const snapshot = withInstances(testPlacement({ regions: 3, zones: 3, nodes: 20, perNode: 10 }), {
      "r2-z1-n5-5": { pauseP99Seconds: 0.05 },
    });
    const { calls, stats } = draw(snapshot, () => ({ scale: 0.03, x: 10, y: 10 }));
    expect(stats.detail.deepest).toBe("cluster");
    expect(stats.cells).toBe(0);
    expect(stats.aggregates).toBe(9);
    expect(calls.filter((c) => c.op === "rect" && c.style === palette.band.over)).toHaveLength(1);
    expect(calls.filter((c) => c.op === "rect")).toHaveLength(9);
  });

  it("in between, fills each node with its worst colour, and its instance count where it has room", () => {
    const snapshot = testPlacement({ regions: 1, zones: 1, nodes: 4, perNode: 225 });
    const { stats, calls } = draw(snapshot, () => ({ scale: 0.2, x: 0, y: 0 }));
    expect(stats.detail.deepest).toBe("node");
    expect(stats.aggregates).toBe(4);
    expect(calls.filter((c) => c.op === "text" && c.text === "225").length).toBeGreaterThan(0);
  });

  it("draws only what is on screen", () => {
    const snapshot = testPlacement({ regions: 4, zones: 2, nodes: 3, perNode: 4 });
    const { layout } = draw(snapshot, whole);
    const [firstNode] = boxesOfSelection(layout, "node:r0-z0-n0");
    if (!firstNode) throw new Error("no node box");
    const view = fitTransform(firstNode, viewport, 6);
    const world = visibleWorld(view, viewport);
    const onScreen = snapshot.instances.filter(({ id }) => {
      const at = layout.cellOf(id);
      const cell = at?.node.grid ? cellBox(at.node.grid, at.index) : null;
      return (
        cell &&
        cell.x + cell.w >= world.x &&
        cell.x <= world.x + world.w &&
        cell.y + cell.h >= world.y &&
        cell.y <= world.y + world.h
      );
    });
    const { stats } = draw(snapshot, () => view);
    expect(onScreen.length).toBeLessThan(snapshot.instances.length);
    expect(stats.cells).toBeGreaterThanOrEqual(onScreen.length);
    // Whole nodes are drawn or skipped: at most the rest of the nodes that are partly on screen.
    expect(stats.cells).toBeLessThan(snapshot.instances.length);
  });

  it("names places where their header has room, and outlines the selection", () => {
    const { calls, transform, layout } = draw(testPlacement(), whole, "instance:r0-z1-n1-2");
    const texts = calls.filter((c) => c.op === "text").map((c) => c.text);
    expect(texts.some((text) => text?.startsWith("Region 0 · 24 instances"))).toBe(true);
    const [cell] = boxesOfSelection(layout, "instance:r0-z1-n1-2");
    const outline = calls.filter((c) => c.op === "strokeRect" && c.style === palette.selection);
    expect(outline).toHaveLength(1);
    expect(outline[0]?.args[0]).toBeLessThan((cell?.x ?? 0) * transform.scale + transform.x);
  });
});
