import type { DesiredConfig } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { observedAgreement } from "./observed-config.ts";

const told: DesiredConfig = { gogc: 150, memoryLimitBytes: null, gomaxprocs: 4, grayRatio: 0.1, custom: { a: "b" } };

describe("what an instance reports against what it was told", () => {
  it("compares the observable keys the change sets", () => {
    expect(observedAgreement(told, { gogc: 150, memoryLimitBytes: null, gomaxprocs: 2 }, ["gogc"])).toBe("matches");
    expect(observedAgreement(told, { gogc: 100, memoryLimitBytes: null, gomaxprocs: 4 }, ["gogc"])).toBe("differs");
    expect(
      observedAgreement(told, { gogc: 150, memoryLimitBytes: 1024, gomaxprocs: 4 }, ["gogc", "memoryLimitBytes"]),
    ).toBe("differs");
  });

  it("cannot tell for keys no metrics source reports, or settings not seen", () => {
    expect(observedAgreement(told, { gogc: 150, memoryLimitBytes: null, gomaxprocs: 4 }, ["grayRatio"])).toBe(
      "unknown",
    );
    expect(observedAgreement(told, { gogc: null, memoryLimitBytes: null, gomaxprocs: null }, ["gogc"])).toBe("unknown");
    expect(observedAgreement(told, null, ["gogc"])).toBe("unknown");
  });
});
