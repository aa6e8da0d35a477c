import { describe, expect, it } from "vitest";
import { captureProgressOf } from "./capture-progress.ts";

describe("capture progress", () => {
  it("counts a CPU profile's seconds down", () => {
    expect(captureProgressOf(10, 10)).toEqual({ fraction: 0, text: "10 s left of 10 s" });
    expect(captureProgressOf(10, 6.2)).toEqual({ fraction: 0.3, text: "7 s left of 10 s" });
    expect(captureProgressOf(10, 0)).toEqual({ fraction: 1, text: "Storing the profile…" });
  });

  it("never runs past either end when the clocks disagree", () => {
    expect(captureProgressOf(10, 14).fraction).toBe(0);
    expect(captureProgressOf(10, -3).fraction).toBe(1);
  });

  it("has nothing to count for a snapshot", () => {
    expect(captureProgressOf(0, 0)).toEqual({ fraction: null, text: "Capturing…" });
  });
});
