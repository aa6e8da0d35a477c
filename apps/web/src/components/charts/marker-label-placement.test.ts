import { describe, expect, it } from "vitest";
import { markerLabelPlacement } from "./marker-label-placement.ts";

describe("a marker label's place", () => {
  it("goes left of its line near the right edge, where a label to the right would be cut off", () => {
    expect(markerLabelPlacement(10, 0, 0, 100).leftOfLine).toBe(false);
    expect(markerLabelPlacement(99, 0, 0, 100).leftOfLine).toBe(true);
  });

  it("takes rows in turn so that neighbouring labels do not overlap", () => {
    expect([0, 1, 2, 3].map((index) => markerLabelPlacement(50, index, 0, 100).row)).toEqual([0, 1, 2, 0]);
  });
});
