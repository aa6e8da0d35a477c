import { describe, expect, it } from "vitest";
import { parseQuantity } from "./quantity.ts";

describe("parseQuantity", () => {
  it("reads CPU quantities in cores and millicores", () => {
    expect(parseQuantity("4")).toBe(4);
    expect(parseQuantity("3800m")).toBe(3.8);
    expect(parseQuantity("250m")).toBe(0.25);
    expect(parseQuantity("0.5")).toBe(0.5);
    expect(parseQuantity("1500000u")).toBeCloseTo(1.5, 12);
    expect(parseQuantity("100000000n")).toBeCloseTo(0.1, 12);
  });

  it("reads memory quantities with binary and decimal suffixes", () => {
    expect(parseQuantity("16Gi")).toBe(16 * 1024 ** 3);
    expect(parseQuantity("16318384Ki")).toBe(16_318_384 * 1024);
    expect(parseQuantity("512Mi")).toBe(512 * 1024 ** 2);
    expect(parseQuantity("1.5Gi")).toBe(1.5 * 1024 ** 3);
    expect(parseQuantity("128974848")).toBe(128_974_848);
    expect(parseQuantity("129M")).toBe(129_000_000);
    expect(parseQuantity("2k")).toBe(2000);
    expect(parseQuantity("1Ti")).toBe(1024 ** 4);
  });

  it("reads decimal exponents and signs", () => {
    expect(parseQuantity("1e3")).toBe(1000);
    expect(parseQuantity("12E6")).toBe(12_000_000);
    expect(parseQuantity("5e-3")).toBe(0.005);
    expect(parseQuantity("-2")).toBe(-2);
    expect(parseQuantity("+.5")).toBe(0.5);
  });

  it("refuses text that is not a quantity", () => {
    for (const text of ["", "Gi", "16GB", "16 Gi", "1.2.3", "ki", "16gi", "abc", "1e", "0x10"]) {
      expect(parseQuantity(text), text).toBeNull();
    }
  });
});
