import { describe, expect, it } from "vitest";
import { generateDemoFleet } from "./generate-fleet.ts";
import { diurnalFactor, localHourAt, requestsPerSecondAt, trafficFactorAt } from "./traffic.ts";

const hourMs = 3_600_000;
/** Midnight UTC on a fixed day. */
const dayStartMs = Date.UTC(2024, 5, 3);

describe("diurnalFactor", () => {
  it("peaks at 4 p.m. and bottoms out at 4 a.m. local time", () => {
    expect(diurnalFactor(0, false, dayStartMs + 16 * hourMs)).toBeCloseTo(1, 10);
    expect(diurnalFactor(0, false, dayStartMs + 4 * hourMs)).toBeCloseTo(0.25, 10);
    // Singapore (UTC+8) peaks at 08:00 UTC.
    expect(diurnalFactor(8, false, dayStartMs + 8 * hourMs)).toBeCloseTo(1, 10);
    expect(diurnalFactor(-5, false, dayStartMs + 21 * hourMs)).toBeCloseTo(1, 10);
  });

  it("turns batch (night-shift) load the other way round", () => {
    expect(diurnalFactor(0, true, dayStartMs + 4 * hourMs)).toBeCloseTo(1, 10);
    expect(diurnalFactor(0, true, dayStartMs + 16 * hourMs)).toBeCloseTo(0.1, 10);
  });

  it("repeats every day and handles times before 1970", () => {
    expect(diurnalFactor(1, false, dayStartMs + 7 * hourMs)).toBeCloseTo(
      diurnalFactor(1, false, dayStartMs + 31 * hourMs),
      10,
    );
    expect(localHourAt(0, -hourMs)).toBeCloseTo(23, 10);
  });
});

describe("instance traffic", () => {
  const fleet = generateDemoFleet({ seed: 42 });
  const euGateways = fleet.workloads.filter(
    (w) => w.instanceId.startsWith("api-gateway-eu-west") && w.utcOffsetHours === 0,
  );

  it("differs clearly between a region's peak and its trough", () => {
    expect(euGateways.length).toBeGreaterThan(2);
    const total = (tMs: number) => euGateways.reduce((sum, w) => sum + requestsPerSecondAt(w, tMs), 0);
    const peak = total(dayStartMs + 16 * hourMs);
    const trough = total(dayStartMs + 4 * hourMs);
    expect(peak / trough).toBeGreaterThan(3);
  });

  it("is never negative and stays near the diurnal curve (noise within ±20%)", () => {
    for (const workload of fleet.workloads) {
      for (let hour = 0; hour < 48; hour += 5) {
        const tMs = dayStartMs + hour * hourMs + 123_456;
        const factor = trafficFactorAt(workload, tMs);
        const diurnal = diurnalFactor(workload.utcOffsetHours, workload.nightShift, tMs);
        expect(factor).toBeGreaterThanOrEqual(0);
        expect(Math.abs(factor / diurnal - 1)).toBeLessThanOrEqual(0.17 + 1e-9);
      }
    }
  });
});
