import { describe, expect, it } from "vitest";
import {
  fitRect,
  fitViewport,
  maxScale,
  minScale,
  panBy,
  toWorld,
  viewportForKey,
  visibleWorld,
  wheelZoomFactor,
  zoomAt,
} from "./graph-viewport.ts";

describe("the graph viewport", () => {
  it("fits a large drawing inside the padding, centred", () => {
    const view = fitViewport(4000, 1000, 1000, 500, 20);
    expect(view.scale).toBeCloseTo(960 / 4000, 9);
    expect(toWorld(view, 500, 250)).toEqual({ x: 2000, y: 500 });
  });

  it("never magnifies a small drawing past 1:1 to fit it", () => {
    expect(fitViewport(200, 100, 1000, 500).scale).toBe(1);
  });

  it("zooms about the pointer, which stays over the same world point", () => {
    const view = { scale: 0.5, x: 30, y: -10 };
    const before = toWorld(view, 400, 200);
    const zoomed = zoomAt(view, 400, 200, 1.7);
    expect(zoomed.scale).toBeCloseTo(0.85, 9);
    const after = toWorld(zoomed, 400, 200);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it("keeps the zoom within its limits", () => {
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, 0, 0, 1e6).scale).toBe(maxScale);
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, 0, 0, 1e-6).scale).toBe(minScale);
  });

  it("pans by screen pixels", () => {
    expect(panBy({ scale: 2, x: 1, y: 2 }, 10, -5)).toEqual({ scale: 2, x: 11, y: -3 });
  });

  it("fits a part of the drawing (a selection's neighbourhood) centred, never past 1:1", () => {
    const wide = fitRect({ left: 1000, top: 0, right: 3000, bottom: 400 }, 1100, 600, 50);
    expect(wide.scale).toBeCloseTo(0.5, 9);
    expect(toWorld(wide, 550, 300)).toEqual({ x: 2000, y: 200 });
    const lone = fitRect({ left: 300, top: 20, right: 430, bottom: 60 }, 800, 600);
    expect(lone).toEqual({ scale: 1, x: 400 - 365, y: 300 - 40 });
  });

  it("tells which part of the world is on screen", () => {
    expect(visibleWorld({ scale: 2, x: 100, y: 0 }, 400, 300)).toEqual({ left: -50, top: 0, right: 150, bottom: 150 });
  });

  it("zooms in for a wheel turned away from the user and out for one turned towards", () => {
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100, 0)).toBeLessThan(1);
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(wheelZoomFactor(-48, 0), 9);
  });
});

describe("viewportForKey", () => {
  const view = { scale: 1, x: 0, y: 0 };

  it("pans with the arrows (the drawing moves the way the arrow points to look), zooms about the centre with + and -", () => {
    expect(viewportForKey("ArrowRight", view, 800, 600)).toEqual({ scale: 1, x: -80, y: 0 });
    expect(viewportForKey("ArrowUp", view, 800, 600)).toEqual({ scale: 1, x: 0, y: 80 });
    const zoomed = viewportForKey("+", view, 800, 600);
    expect(zoomed?.scale).toBeCloseTo(1.25, 9);
    expect(toWorld(zoomed!, 400, 300)).toEqual(toWorld(view, 400, 300));
    expect(viewportForKey("-", view, 800, 600)?.scale).toBeCloseTo(0.8, 9);
  });

  it("ignores other keys", () => {
    expect(viewportForKey("a", view, 800, 600)).toBeNull();
    expect(viewportForKey("Enter", view, 800, 600)).toBeNull();
  });
});
