import { rollupPlacement } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { levelOfDetail } from "./map-detail.ts";
import { hitSelectionKey, hitTest } from "./map-hit-test.ts";
import { boxesOfSelection, layoutPlacement } from "./map-layout.ts";
import { testPlacement, withInstances } from "./test-placement.ts";

const snapshot = testPlacement();
const rollup = rollupPlacement(snapshot);
const layout = layoutPlacement(rollup);
const zoomedIn = levelOfDetail(4);
const zoomedOut = levelOfDetail(0.02);

function centreOf(selectionKey: string) {
  const [box] = boxesOfSelection(layout, selectionKey);
  if (!box) throw new Error(`no box for ${selectionKey}`);
  return { x: box.x + box.w / 2, y: box.y + box.h / 2, box };
}

describe("hitTest", () => {
  it("finds the instance whose cell is under the point when cells are drawn", () => {
    const { x, y } = centreOf("instance:r1-z0-n2-3");
    const hit = hitTest(layout, rollup, zoomedIn, x, y);
    expect(hit?.kind).toBe("instance");
    expect(hit && hitSelectionKey(hit)).toBe("instance:r1-z0-n2-3");
  });

  it("finds the node between its cells, and the place around it outside any node", () => {
    const { box } = centreOf("instance:r0-z1-n0-0");
    const betweenCells = hitTest(layout, rollup, zoomedIn, box.x + box.w + 1, box.y + 1);
    expect(betweenCells && hitSelectionKey(betweenCells)).toBe("node:r0-z1-n0");
    const region = centreOf("region:r0").box;
    const header = hitTest(layout, rollup, zoomedIn, region.x + 4, region.y + 4);
    expect(header && hitSelectionKey(header)).toBe("region:r0");
    expect(hitTest(layout, rollup, zoomedIn, -10, -10)).toBeNull();
  });

  it("picks only what is drawn: zoomed far out, a point over a cell picks its cluster", () => {
    const { x, y } = centreOf("instance:r1-z1-n1-1");
    const hit = hitTest(layout, rollup, zoomedOut, x, y);
    expect(hit?.kind).toBe("group");
    expect(hit && hitSelectionKey(hit)).toBe("cluster:r1-k8s");
  });

  it("answers with the newest data after a live update of the same structure", () => {
    const updated = rollupPlacement(withInstances(snapshot, { "r0-z0-n0-1": { up: false, healthy: false } }));
    const { x, y } = centreOf("instance:r0-z0-n0-1");
    const hit = hitTest(layout, updated, zoomedIn, x, y);
    expect(hit?.kind === "instance" && hit.instance.up).toBe(false);
  });
});
