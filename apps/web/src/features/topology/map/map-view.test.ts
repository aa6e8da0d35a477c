import { describe, expect, it } from "vitest";
import {
  describeView,
  fitTransform,
  flightFrame,
  keepMapInSight,
  panBy,
  scaleLimits,
  toWorld,
  visibleWorld,
  zoomAround,
} from "./map-view.ts";

const viewport = { width: 800, height: 600 };
const screenOf = (view: { scale: number; x: number; y: number }, x: number, y: number) => ({
  x: x * view.scale + view.x,
  y: y * view.scale + view.y,
});

describe("the view transform", () => {
  it("fits a box whole and centred, no closer than the cap", () => {
    const view = fitTransform({ x: 100, y: 50, w: 400, h: 100 }, viewport);
    const topLeft = screenOf(view, 100, 50);
    const bottomRight = screenOf(view, 500, 150);
    expect(topLeft.x).toBeGreaterThanOrEqual(0);
    expect(bottomRight.x).toBeLessThanOrEqual(800);
    expect((topLeft.x + bottomRight.x) / 2).toBeCloseTo(400);
    expect((topLeft.y + bottomRight.y) / 2).toBeCloseTo(300);
    expect(fitTransform({ x: 0, y: 0, w: 10, h: 10 }, viewport, 6).scale).toBe(6);
  });

  it("keeps a fitted box clear of what lies over the canvas's edges", () => {
    const insets = { top: 10, right: 60, bottom: 70, left: 20 };
    const view = fitTransform({ x: 0, y: 0, w: 1000, h: 1000 }, viewport, 12, insets);
    const topLeft = screenOf(view, 0, 0);
    const bottomRight = screenOf(view, 1000, 1000);
    expect(topLeft.y).toBeCloseTo(10);
    expect(bottomRight.y).toBeCloseTo(600 - 70);
    expect((topLeft.x + bottomRight.x) / 2).toBeCloseTo(20 + (800 - 80) / 2);
  });

  it("zooms around the pointer: the map point under it stays under it", () => {
    const view = { scale: 1, x: 20, y: 30 };
    const before = toWorld(view, 250, 120);
    const zoomed = zoomAround(view, 2, 250, 120, { min: 0.1, max: 10 });
    expect(zoomed.scale).toBe(2);
    const after = toWorld(zoomed, 250, 120);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    expect(zoomAround(view, 100, 0, 0, { min: 0.1, max: 10 }).scale).toBe(10);
    expect(zoomAround(view, 0.001, 0, 0, { min: 0.1, max: 10 }).scale).toBe(0.1);
  });

  it("lets zooming out go to a quarter of the whole map's fit, and in to readable cells", () => {
    const limits = scaleLimits({ width: 4000, height: 2000 }, viewport);
    const fit = fitTransform({ x: 0, y: 0, w: 4000, h: 2000 }, viewport).scale;
    expect(limits.min).toBeCloseTo(fit / 4);
    expect(limits.max).toBeGreaterThanOrEqual(12);
  });

  it("pans, but never pushes the whole map out of sight", () => {
    const view = { scale: 1, x: 0, y: 0 };
    expect(panBy(view, 10, -5)).toEqual({ scale: 1, x: 10, y: -5 });
    const lost = keepMapInSight(panBy(view, -5000, 0), { width: 1000, height: 500 }, viewport);
    expect(lost.x + 1000).toBeGreaterThanOrEqual(48);
    const beyond = keepMapInSight(panBy(view, 0, 5000), { width: 1000, height: 500 }, viewport);
    expect(beyond.y).toBeLessThanOrEqual(600 - 48);
    expect(keepMapInSight(view, { width: 1000, height: 500 }, viewport)).toBe(view);
  });

  it("says which part of the map is on screen", () => {
    expect(visibleWorld({ scale: 2, x: -100, y: -50 }, viewport)).toEqual({ x: 50, y: 25, w: 400, h: 300 });
  });

  it("flies from one view to another, starting and ending exactly there, zooming geometrically", () => {
    const from = { scale: 0.5, x: 0, y: 0 };
    const to = { scale: 8, x: -3000, y: -1000 };
    expect(flightFrame(from, to, viewport, 0)).toEqual(from);
    const end = flightFrame(from, to, viewport, 1);
    expect(end.scale).toBeCloseTo(8);
    expect(end.x).toBeCloseTo(-3000);
    expect(end.y).toBeCloseTo(-1000);
    expect(flightFrame(from, to, viewport, 0.5).scale).toBeCloseTo(2);
    expect(flightFrame(from, to, viewport, 2)).toEqual(flightFrame(from, to, viewport, 1));
  });

  it("describes itself compactly for the canvas's data attribute", () => {
    expect(describeView({ scale: 1.23456, x: 10.04, y: -3.06 })).toBe("1.2346 10.0 -3.1");
  });
});
