import { describe, expect, it } from "vitest";
import { fleetClockRate, fleetNowMs, formatRemaining } from "./fleet-clock.ts";

describe("the fleet's clock as the browser keeps it", () => {
  it("runs at the browser's rate until readings are far enough apart to tell", () => {
    expect(fleetClockRate([])).toBe(1);
    expect(
      fleetClockRate([
        { fleetMs: 0, localMs: 0 },
        { fleetMs: 60_000, localMs: 500 },
      ]),
    ).toBe(1);
    expect(fleetNowMs([{ fleetMs: 10_000, localMs: 1_000 }], 3_000)).toBe(12_000);
    expect(fleetNowMs([], 3_000)).toBeNull();
  });

  it("runs as fast as a sped-up demo fleet once it has seen it", () => {
    const readings = [
      { fleetMs: 0, localMs: 0 },
      { fleetMs: 120_000, localMs: 2_000 },
      { fleetMs: 360_000, localMs: 6_000 },
    ];
    expect(fleetClockRate(readings)).toBe(60);
    expect(fleetNowMs(readings, 7_000)).toBe(420_000);
    // Never backwards, whatever the browser's clock does.
    expect(fleetNowMs(readings, 5_000)).toBe(360_000);
  });

  it("writes what is left in the largest units that read at a glance", () => {
    expect(formatRemaining(12_300)).toBe("13 s");
    expect(formatRemaining(245_000)).toBe("4 min 05 s");
    expect(formatRemaining(3_720_000)).toBe("1 h 02 min");
    expect(formatRemaining(-5)).toBe("0 s");
  });
});
