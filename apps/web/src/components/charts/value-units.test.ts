import { describe, expect, it } from "vitest";
import { formatAxisValue, formatValue } from "./value-units.ts";

describe("chart values", () => {
  it("writes each unit as the console does elsewhere, and a gap in words", () => {
    expect(formatValue("bytes", 1.5 * 1024 ** 3)).toBe("1.5 GiB");
    expect(formatValue("bytesPerSecond", 200 * 1024 ** 2)).toBe("200 MiB/s");
    expect(formatValue("seconds", 0.0042)).toBe("4.20 ms");
    expect(formatValue("ratio", 0.253)).toBe("25.3%");
    expect(formatValue("cores", 0.042)).toBe("0.042");
    expect(formatValue("count", 12_345)).toBe("12,345");
    expect(formatValue("perSecond", 2.5)).toBe("2.5/s");
    expect(formatValue("bytes", null)).toBe("no data");
  });

  it("shortens what crowds an axis", () => {
    expect(formatAxisValue("count", 25_000)).toBe("25k");
    expect(formatAxisValue("count", 12_500)).toBe("12.5k");
    expect(formatAxisValue("ratio", 0.25)).toBe("25%");
    expect(formatAxisValue("ratio", 0.015000000000000001)).toBe("1.5%");
    expect(formatAxisValue("bytes", 0)).toBe("0");
    expect(formatAxisValue("bytes", 50 * 1024 ** 2)).toBe("50 MiB");
    expect(formatAxisValue("seconds", 0.002)).toBe("2 ms");
    expect(formatAxisValue("seconds", 0.0025)).toBe("2.5 ms");
    expect(formatAxisValue("bytesPerSecond", 2.5 * 1024 ** 2)).toBe("2.5 MiB/s");
  });
});
