import { describe, expect, it } from "vitest";
import { formatSampleChange, formatSampleValue, formatShare, formatShareChange } from "./sample-value-format.ts";

describe("sample values", () => {
  it("reads CPU and delay nanoseconds as ns, µs, ms and s", () => {
    expect(formatSampleValue(850, "nanoseconds")).toBe("850 ns");
    expect(formatSampleValue(42_000, "nanoseconds")).toBe("42 µs");
    expect(formatSampleValue(12_300_000, "nanoseconds")).toBe("12.3 ms");
    expect(formatSampleValue(1_520_000_000, "nanoseconds")).toBe("1.52 s");
    expect(formatSampleValue(0, "nanoseconds")).toBe("0 µs");
    expect(formatSampleValue(2, "seconds")).toBe("2.00 s");
  });

  it("reads bytes in binary units and counts as numbers", () => {
    expect(formatSampleValue(3 * 1024 * 1024, "bytes")).toBe("3.0 MiB");
    expect(formatSampleValue(512, "bytes")).toBe("512 B");
    expect(formatSampleValue(12_345, "count")).toBe("12,345");
    expect(formatSampleValue(7, "widgets")).toBe("7 widgets");
  });

  it("signs changes", () => {
    expect(formatSampleChange(1_500_000, "nanoseconds")).toBe("+1.50 ms");
    expect(formatSampleChange(-3 * 1024 * 1024, "bytes")).toBe("−3.0 MiB");
    expect(formatSampleChange(0, "count")).toBe("±0");
  });

  it("shows shares of the profile without rounding a small one to zero", () => {
    expect(formatShare(0.1234)).toBe("12.3%");
    expect(formatShare(0.0001)).toBe("<0.1%");
    expect(formatShare(0)).toBe("0.0%");
    expect(formatShareChange(0.042)).toBe("+4.2%");
    expect(formatShareChange(-0.008)).toBe("−0.8%");
  });
});
