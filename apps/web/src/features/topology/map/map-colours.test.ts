import { defaultHealthPolicy, emptyTally } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { bandOfFigure, instanceBand, legendFor, mapBands, mapPalette, tallyBand, worseBand } from "./map-colours.ts";
import { testPlacement } from "./test-placement.ts";

const policy = defaultHealthPolicy;
const [base] = testPlacement().instances;
if (!base) throw new Error("the test fleet has no instance");

describe("lens colours", () => {
  it("bands a pause against the policy's limit: under 80 % good, up to it near, past it over", () => {
    expect(bandOfFigure("pauseP99", 0.002, policy)).toBe("good");
    expect(bandOfFigure("pauseP99", 0.009, policy)).toBe("near");
    expect(bandOfFigure("pauseP99", 0.011, policy)).toBe("over");
    expect(bandOfFigure("pauseP99", null, policy)).toBe("unknown");
    expect(bandOfFigure("gcCpu", 0.3, policy)).toBe("over");
    expect(bandOfFigure("gcCpu", 0.21, policy)).toBe("near");
  });

  it("bands headroom the other way: below the minimum is over, below twice it near", () => {
    expect(bandOfFigure("headroom", 0.05, policy)).toBe("over");
    expect(bandOfFigure("headroom", 0.15, policy)).toBe("near");
    expect(bandOfFigure("headroom", 0.5, policy)).toBe("good");
  });

  it("colours a down instance down under every lens, and an up one by its figure", () => {
    for (const lens of ["up", "pauseP99", "gcCpu", "headroom"] as const)
      expect(instanceBand({ ...base, up: false, healthy: false }, lens, policy)).toBe("down");
    expect(instanceBand(base, "up", policy)).toBe("up");
    expect(instanceBand({ ...base, pauseP99Seconds: 0.05 }, "pauseP99", policy)).toBe("over");
    expect(instanceBand({ ...base, memoryHeadroomRatio: null }, "headroom", policy)).toBe("unknown");
  });

  it("colours a place by its worst: down beats any figure, an empty place is empty", () => {
    const tally = { ...emptyTally(), instances: 3, up: 3, worstPauseP99Seconds: 0.02, worstGcCpuFraction: 0.1 };
    expect(tallyBand(tally, "pauseP99", policy)).toBe("over");
    expect(tallyBand(tally, "gcCpu", policy)).toBe("good");
    expect(tallyBand(tally, "headroom", policy)).toBe("unknown");
    expect(tallyBand({ ...tally, down: 1, up: 2 }, "gcCpu", policy)).toBe("down");
    expect(tallyBand(emptyTally(), "up", policy)).toBe("empty");
    expect(worseBand("near", "over")).toBe("over");
    expect(worseBand("down", "over")).toBe("down");
  });

  it("explains each lens's colours with the policy's own thresholds", () => {
    expect(legendFor("up", policy).map((e) => e.label)).toEqual(["Up", "Down"]);
    expect(legendFor("pauseP99", policy).map((e) => e.label)).toEqual([
      "Pause p99 < 8.00 ms",
      "8.00 ms – 10.0 ms",
      "> 10.0 ms",
      "No data",
      "Down",
    ]);
    expect(legendFor("gcCpu", policy).map((e) => e.label)[2]).toBe("> 25%");
    expect(legendFor("headroom", policy).map((e) => e.label)[2]).toBe("< 10%");
  });

  it("has a colour for every band in both themes, down set apart from over", () => {
    for (const theme of ["dark", "light"] as const) {
      const palette = mapPalette(theme);
      for (const band of mapBands) expect(palette.band[band]).toMatch(/^#[0-9a-f]{6}$/);
      expect(palette.band.down).not.toBe(palette.band.over);
    }
  });
});
