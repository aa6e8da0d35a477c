import { describe, expect, it } from "vitest";
import { formatTimeTick, timeTicks } from "./time-axis.ts";

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const start = Date.UTC(2026, 2, 14, 9, 26, 13);

describe("time ticks", () => {
  it("falls on round times, inside the range, no more than asked", () => {
    const ticks = timeTicks(start, start + hour, 6, 0);
    expect(ticks).toEqual([30, 40, 50, 60, 70, 80].map((m) => Date.UTC(2026, 2, 14, 9, m)));
    expect(timeTicks(start, start + hour, 4, 0)).toEqual([30, 45, 60, 75].map((m) => Date.UTC(2026, 2, 14, 9, m)));
  });

  it("falls on the viewer's round times, not UTC's", () => {
    // India is UTC+5:30: local midnight is 18:30 UTC the day before.
    const ticks = timeTicks(start, start + 7 * day, 8, 5.5 * hour);
    expect(ticks).toHaveLength(7);
    for (const tick of ticks) expect((tick + 5.5 * hour) % day).toBe(0);
  });

  it("spaces a month in days and gives nothing for an empty range", () => {
    const ticks = timeTicks(start, start + 30 * day, 6, 0);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(timeTicks(start, start, 6, 0)).toEqual([]);
  });
});

describe("tick labels", () => {
  it("shows the clock up to a day and dates beyond", () => {
    expect(formatTimeTick(Date.UTC(2026, 2, 14, 9, 30), 6 * hour, "UTC")).toBe("09:30");
    expect(formatTimeTick(Date.UTC(2026, 2, 14, 0, 0), day, "UTC")).toBe("00:00");
    expect(formatTimeTick(Date.UTC(2026, 2, 14, 0, 0), 7 * day, "UTC")).toBe("14 Mar");
    expect(formatTimeTick(Date.UTC(2026, 2, 14, 12, 0), 2 * day, "UTC")).toBe("14 Mar 12:00");
  });
});
