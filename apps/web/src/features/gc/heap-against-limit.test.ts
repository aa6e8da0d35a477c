import { describe, expect, it } from "vitest";
import { heapAgainstLimitText, shareOfLimit } from "./heap-against-limit.ts";

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe("heap against its goal and limit", () => {
  it("names the unit once when all three share it", () => {
    expect(heapAgainstLimitText(3 * GiB, 4.7 * GiB, 8 * GiB)).toBe("3.0 / 4.7 / 8.0 GiB");
  });

  it("keeps each unit when they differ, and says what is not set", () => {
    expect(heapAgainstLimitText(577 * MiB, 772 * MiB, GiB)).toBe("577 MiB / 772 MiB / 1.0 GiB");
    expect(heapAgainstLimitText(2.6 * GiB, null, null)).toBe("2.6 GiB / no goal / no limit");
  });

  it("places the bar's marks as shares of the limit, capped at the limit", () => {
    expect(shareOfLimit(GiB, 4 * GiB)).toBe(0.25);
    expect(shareOfLimit(5 * GiB, 4 * GiB)).toBe(1);
    expect(shareOfLimit(GiB, null)).toBeNull();
    expect(shareOfLimit(null, GiB)).toBeNull();
  });
});
