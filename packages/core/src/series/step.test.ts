import { describe, expect, it } from "vitest";
import { chooseStepMs } from "./step.ts";

const minute = 60_000;
const day = 24 * 60 * minute;

describe("chooseStepMs", () => {
  it("picks the smallest nice step that fits the range into the points", () => {
    expect(chooseStepMs(60 * minute, 120)).toBe(30_000);
    expect(chooseStepMs(7 * day, 1_000)).toBe(15 * minute);
    expect(chooseStepMs(60 * minute, 10_000)).toBe(1_000);
  });

  it("never goes below the source's resolution and grows by whole days past a day", () => {
    expect(chooseStepMs(10 * minute, 1_000, 15_000)).toBe(15_000);
    expect(chooseStepMs(400 * day, 100)).toBe(4 * day);
  });

  it("refuses an empty range", () => {
    expect(() => chooseStepMs(0, 100)).toThrow("range 0 ms");
  });
});
