import { describe, expect, it } from "vitest";
import { mapKeyAction, wheelZoomFactor, zoomStep } from "./map-keyboard.ts";

describe("the map's keyboard and wheel", () => {
  it("zooms with + and −, pans with the arrows, fits with 0, clears with Escape, opens with Enter", () => {
    expect(mapKeyAction("+")).toEqual({ type: "zoom", factor: zoomStep });
    expect(mapKeyAction("=")).toEqual({ type: "zoom", factor: zoomStep });
    expect(mapKeyAction("-")).toEqual({ type: "zoom", factor: 1 / zoomStep });
    expect(mapKeyAction("ArrowLeft")).toMatchObject({ type: "pan", dy: 0 });
    expect((mapKeyAction("ArrowLeft") as { dx: number }).dx).toBeGreaterThan(0);
    expect((mapKeyAction("ArrowDown") as { dy: number }).dy).toBeLessThan(0);
    expect(mapKeyAction("0")).toEqual({ type: "fit" });
    expect(mapKeyAction("Escape")).toEqual({ type: "clearSelection" });
    expect(mapKeyAction("Enter")).toEqual({ type: "openSelection" });
    expect(mapKeyAction("a")).toBeNull();
  });

  it("zooms in on wheel up and out on wheel down, by the same amount each way, lines as pixels", () => {
    const up = wheelZoomFactor(-100, 0);
    expect(up).toBeGreaterThan(1);
    expect(wheelZoomFactor(100, 0)).toBeCloseTo(1 / up);
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(wheelZoomFactor(-99, 0));
    expect(wheelZoomFactor(-100_000, 0)).toBe(wheelZoomFactor(-300, 0));
  });
});
