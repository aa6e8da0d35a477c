import { describe, expect, it } from "vitest";
import { formatDateTime } from "./format-date-time.ts";

describe("formatDateTime", () => {
  it("writes the date and the 24-hour time to the minute", () => {
    expect(formatDateTime(Date.UTC(2026, 2, 14, 9, 26, 53), "UTC")).toBe("2026-03-14 09:26");
    expect(formatDateTime(Date.UTC(2026, 0, 1, 0, 5), "UTC")).toBe("2026-01-01 00:05");
    expect(formatDateTime(Date.UTC(2026, 0, 1, 0, 5), "Asia/Kolkata")).toBe("2026-01-01 05:35");
  });

  it("says never for a time that has not happened, and a dash for nonsense", () => {
    expect(formatDateTime(null)).toBe("never");
    expect(formatDateTime(Number.NaN)).toBe("—");
  });
});
