import { describe, expect, it } from "vitest";
import { formatBytes, formatSeconds, parseByteRate, parseByteSize, UnitParseError } from "./byte-size.ts";

describe("parseByteSize", () => {
  it.each([
    ["75MiB", 75 * 1024 ** 2],
    ["1.5 GiB", 1.5 * 1024 ** 3],
    ["512KiB", 512 * 1024],
    ["100MB", 100e6],
    ["2GB", 2e9],
    ["4096", 4096],
    ["12B", 12],
  ])("%s → %d bytes", (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(["", "MiB", "-5MiB", "12 parsecs", "1e3MiB", "75mib"])("rejects %j with a message naming it", (text) => {
    expect(() => parseByteSize(text)).toThrow(UnitParseError);
    expect(() => parseByteSize(text)).toThrow(`"${text}"`);
  });
});

describe("parseByteRate", () => {
  it("reads a size per second", () => {
    expect(parseByteRate("200MiB/s")).toBe(200 * 1024 ** 2);
  });
  it.each(["200MiB", "/s", "fast/s"])("rejects %j", (text) => {
    expect(() => parseByteRate(text)).toThrow(/is not a rate/);
  });
});

describe("formatting", () => {
  it("formats bytes in binary units", () => {
    expect(formatBytes(149.4 * 1024 ** 2)).toBe("149 MiB");
    expect(formatBytes(12.25 * 1024 ** 2)).toBe("12.3 MiB");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe("unbounded");
  });
  it("formats pauses in µs below a millisecond", () => {
    expect(formatSeconds(84e-6)).toBe("84 µs");
    expect(formatSeconds(0.0123)).toBe("12.3 ms");
    expect(formatSeconds(2.5)).toBe("2.50 s");
  });
});
