import { describe, expect, it } from "vitest";
import { createScaledClock, systemClock } from "./clock.ts";

describe("createScaledClock", () => {
  it("starts at the origin and runs speed times faster than the wall clock", () => {
    let wallMs = 1_000_000;
    const clock = createScaledClock({ originMs: Date.UTC(2024, 0, 1), speed: 60, now: () => wallMs });
    expect(clock.nowMs()).toBe(Date.UTC(2024, 0, 1));
    wallMs += 1_000;
    expect(clock.nowMs()).toBe(Date.UTC(2024, 0, 1) + 60_000);
    wallMs += 59_000;
    expect(clock.nowMs()).toBe(Date.UTC(2024, 0, 1, 1));
  });

  it("follows the real wall clock by default", async () => {
    const clock = createScaledClock({ originMs: 0, speed: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    // 30 ms of wall time is 30 s of clock time; allow for timer slack.
    expect(clock.nowMs()).toBeGreaterThanOrEqual(25_000);
    expect(clock.nowMs()).toBeLessThan(2_000_000);
  });

  it("rejects a speed that is not positive", () => {
    expect(() => createScaledClock({ originMs: 0, speed: 0 })).toThrow(/positive speed/);
    expect(() => createScaledClock({ originMs: 0, speed: Number.NaN })).toThrow(/positive speed/);
  });
});

describe("systemClock", () => {
  it("reads Date.now", () => {
    const before = Date.now();
    const now = systemClock.nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
