import { describe, expect, it } from "vitest";
import {
  customRangeProblem,
  defaultTimeRange,
  formatTimeRange,
  instantOfLocalDateTime,
  localDateTimeInputValue,
  parseInstant,
  refreshIntervalOf,
  seriesWindowOf,
  timeRangeOf,
  timeRangeSearchOf,
  timeRangeSearchSchema,
} from "./time-range.ts";

const hour = 3_600_000;
const day = 24 * hour;
const march14 = Date.UTC(2026, 2, 14, 9, 26);

const rangeOfUrl = (search: Record<string, unknown>) => timeRangeOf(timeRangeSearchSchema.parse(search));

describe("a time range in the URL", () => {
  it("reads a preset", () => {
    expect(rangeOfUrl({ range: "7d" })).toEqual({ kind: "preset", preset: "7d" });
    expect(rangeOfUrl({})).toEqual(defaultTimeRange);
  });

  it("reads a custom range given as epoch ms or ISO text, and prefers it to a preset", () => {
    expect(rangeOfUrl({ from: march14, to: march14 + hour })).toEqual({
      kind: "custom",
      fromMs: march14,
      toMs: march14 + hour,
    });
    expect(rangeOfUrl({ range: "6h", from: "2026-03-14T09:26:00Z", to: String(march14 + day) })).toEqual({
      kind: "custom",
      fromMs: march14,
      toMs: march14 + day,
    });
  });

  it("falls back to the preset, then the default, instead of breaking a pasted link", () => {
    expect(rangeOfUrl({ range: "2w" })).toEqual(defaultTimeRange);
    expect(rangeOfUrl({ range: 6 })).toEqual(defaultTimeRange);
    expect(rangeOfUrl({ range: "6h", from: "yesterday", to: march14 })).toEqual({ kind: "preset", preset: "6h" });
    expect(rangeOfUrl({ from: march14 + hour, to: march14 })).toEqual(defaultTimeRange);
    expect(rangeOfUrl({ from: march14, to: march14 + 40 * day })).toEqual(defaultTimeRange);
    expect(rangeOfUrl({ from: -5, to: { nested: true } })).toEqual(defaultTimeRange);
  });

  it("writes back only the params of its own form, and leaves the default out", () => {
    expect(timeRangeSearchOf({ kind: "preset", preset: "7d" })).toEqual({
      range: "7d",
      from: undefined,
      to: undefined,
    });
    expect(timeRangeSearchOf(defaultTimeRange)).toEqual({ range: undefined, from: undefined, to: undefined });
    const custom = { kind: "custom", fromMs: march14, toMs: march14 + hour } as const;
    expect(timeRangeSearchOf(custom)).toEqual({ range: undefined, from: march14, to: march14 + hour });
    expect(timeRangeOf(timeRangeSearchOf(custom))).toEqual(custom);
  });
});

describe("instants", () => {
  it("accepts epoch ms and ISO date-times, nothing looser", () => {
    expect(parseInstant(march14)).toBe(march14);
    expect(parseInstant(` ${march14} `)).toBe(march14);
    expect(parseInstant("2026-03-14T09:26:00.000Z")).toBe(march14);
    expect(parseInstant("1 2 3")).toBeNull();
    expect(parseInstant("March 14")).toBeNull();
    expect(parseInstant(1.5)).toBeNull();
    expect(parseInstant("")).toBeNull();
    expect(parseInstant(null)).toBeNull();
  });

  it("round-trips through a datetime-local input in the browser's zone", () => {
    const value = localDateTimeInputValue(march14);
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(instantOfLocalDateTime(value)).toBe(march14);
    expect(instantOfLocalDateTime("")).toBeNull();
    expect(instantOfLocalDateTime("2026-03-14")).toBeNull();
  });

  it("says what is wrong with a custom range", () => {
    expect(customRangeProblem(null, march14)).toBe("Enter a start time.");
    expect(customRangeProblem(march14, null)).toBe("Enter an end time.");
    expect(customRangeProblem(march14, march14)).toBe("The end must be after the start.");
    expect(customRangeProblem(march14, march14 + 32 * day)).toBe("Choose at most 31 days at a time.");
    expect(customRangeProblem(march14, march14 + 31 * day)).toBeNull();
  });
});

describe("what a range asks of the server", () => {
  it("asks for a preset relative to the fleet's now, and refreshes it on its beat", () => {
    expect(seriesWindowOf({ kind: "preset", preset: "6h" }, 600)).toEqual({ lastMs: 6 * hour, maxPoints: 600 });
    expect(refreshIntervalOf({ kind: "preset", preset: "6h" })).toBe(10_000);
    expect(refreshIntervalOf({ kind: "preset", preset: "30d" })).toBeGreaterThan(60_000);
  });

  it("asks for a custom range as it is, and never refreshes it", () => {
    const custom = { kind: "custom", fromMs: march14, toMs: march14 + hour } as const;
    expect(seriesWindowOf(custom, 400)).toEqual({ startMs: march14, endMs: march14 + hour, maxPoints: 400 });
    expect(refreshIntervalOf(custom)).toBe(false);
  });
});

describe("the picker's label", () => {
  it("names a preset in words and a custom range by its instants", () => {
    expect(formatTimeRange({ kind: "preset", preset: "24h" })).toBe("Last 24 hours");
    expect(formatTimeRange({ kind: "custom", fromMs: march14, toMs: march14 + hour }, "UTC")).toBe(
      "2026-03-14 09:26 – 10:26",
    );
    expect(formatTimeRange({ kind: "custom", fromMs: march14, toMs: march14 + day }, "UTC")).toBe(
      "2026-03-14 09:26 – 2026-03-15 09:26",
    );
  });
});
