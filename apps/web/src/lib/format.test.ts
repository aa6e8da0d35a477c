import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatClockTime,
  formatCores,
  formatCount,
  formatGogc,
  formatLatencyMs,
  formatOptionalBytes,
  formatPercent,
  formatRate,
  formatSeconds,
  formatUtcOffset,
} from "./format.ts";

describe("formatPercent", () => {
  it("shows ratios as percentages with one decimal", () => {
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(0)).toBe("0.0%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(-0.05)).toBe("-5.0%");
  });
  it("shows a dash for numbers that are not finite", () => {
    expect(formatPercent(Number.NaN)).toBe("—");
  });
});

describe("formatCores", () => {
  it("keeps enough digits to compare small and large consumers", () => {
    expect(formatCores(0)).toBe("0");
    expect(formatCores(0.0423)).toBe("0.042");
    expect(formatCores(1.346)).toBe("1.35");
    expect(formatCores(12.44)).toBe("12.4");
  });
});

describe("counts, rates and latencies", () => {
  it("groups thousands", () => {
    expect(formatCount(12345)).toBe("12,345");
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe("—");
  });
  it("uses fewer decimals as rates grow", () => {
    expect(formatRate(0.421)).toBe("0.42");
    expect(formatRate(12.34)).toBe("12.3");
    expect(formatRate(1204.4)).toBe("1,204");
  });
  it("writes latencies in ms", () => {
    expect(formatLatencyMs(3.21)).toBe("3.2 ms");
    expect(formatLatencyMs(250.4)).toBe("250 ms");
  });
});

describe("runtime settings", () => {
  it("shows GOGC as Go reads it", () => {
    expect(formatGogc(100)).toBe("100");
    expect(formatGogc("off")).toBe("off");
  });
  it("names an unset limit", () => {
    expect(formatOptionalBytes(null, formatBytes)).toBe("none");
    expect(formatOptionalBytes(512 * 1024 * 1024, formatBytes)).toBe("512 MiB");
  });
  it("reuses core's byte and duration formats", () => {
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatSeconds(0.0123)).toBe("12.3 ms");
  });
});

describe("formatClockTime", () => {
  it("writes 24-hour wall-clock time in the given zone", () => {
    const ms = Date.UTC(2025, 0, 2, 14, 3, 27);
    expect(formatClockTime(ms, "UTC")).toBe("14:03:27");
    expect(formatClockTime(Date.UTC(2025, 0, 2, 0, 0, 5), "UTC")).toBe("00:00:05");
    expect(formatClockTime(ms, "Asia/Tokyo")).toBe("23:03:27");
  });
  it("shows a dash when there is no time", () => {
    expect(formatClockTime(Number.NaN)).toBe("—");
  });
});

describe("formatUtcOffset", () => {
  it("writes whole and fractional offsets as clocks do", () => {
    expect(formatUtcOffset(0)).toBe("UTC");
    expect(formatUtcOffset(-5)).toBe("UTC-5");
    expect(formatUtcOffset(8)).toBe("UTC+8");
    expect(formatUtcOffset(5.5)).toBe("UTC+5:30");
    expect(formatUtcOffset(-9.5)).toBe("UTC-9:30");
    expect(formatUtcOffset(5.75)).toBe("UTC+5:45");
  });
});
