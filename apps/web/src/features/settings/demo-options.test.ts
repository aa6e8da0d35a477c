import { describe, expect, it } from "vitest";
import type { DemoFault } from "../../lib/api-types.ts";
import { activeFaults, describeFaultTarget, faultKindLabel, faultKinds, parseSeverity } from "./demo-options.ts";

describe("demo fleet options", () => {
  it("offers every fault the demo fleet can inject", () => {
    expect(faultKinds).toEqual(["memory-leak", "goroutine-leak", "allocation-spike", "memory-limit-too-low"]);
    expect(faultKindLabel("memory-limit-too-low")).toBe("Memory limit too low");
    expect(faultKindLabel("cosmic-ray")).toBe("cosmic-ray");
  });

  it("sends a blank severity as 'use the default' and anything else as typed", () => {
    expect(parseSeverity("  ")).toBeUndefined();
    expect(parseSeverity("0.5")).toBe(0.5);
    expect(parseSeverity("-2")).toBe(-2);
    expect(parseSeverity("abc")).toBeNaN();
  });
});

describe("active faults", () => {
  const fault = (id: string, startMs: number, endMs: number | null): DemoFault => ({
    id,
    kind: "memory-leak",
    target: { serviceId: "checkout" },
    startMs,
    endMs,
    severity: 1,
  });

  it("keeps faults acting now: started, and not yet ended", () => {
    const faults = [
      fault("open", 0, null),
      fault("cleared", 0, 50),
      fault("ending-later", 0, 200),
      fault("future", 150, null),
    ];
    expect(activeFaults(faults, 100).map((f) => f.id)).toEqual(["open", "ending-later"]);
    expect(activeFaults(faults, 50).map((f) => f.id)).toEqual(["open", "ending-later"]);
  });

  it("names what a fault is aimed at", () => {
    expect(describeFaultTarget({ serviceId: "checkout" })).toBe("checkout");
    expect(describeFaultTarget({ serviceId: "checkout", instanceIds: ["a", "b"] })).toBe("checkout (2 instances)");
    expect(describeFaultTarget({ instanceIds: ["a"] })).toBe("1 instance");
  });
});
