import { describe, expect, it } from "vitest";
import { defaultComparison } from "./default-comparison.ts";

describe("the compare form's first guess", () => {
  it("compares the newest profile with the previous one of its kind on the same instance", () => {
    const profiles = [
      { id: "cpu-3", kind: "cpu", instanceId: "a" },
      { id: "heap-2", kind: "heap", instanceId: "a" },
      { id: "cpu-b", kind: "cpu", instanceId: "b" },
      { id: "cpu-1", kind: "cpu", instanceId: "a" },
    ];
    expect(defaultComparison(profiles)).toEqual({ baseId: "cpu-1", targetId: "cpu-3" });
  });

  it("settles for the same kind elsewhere, then for any older profile", () => {
    expect(
      defaultComparison([
        { id: "cpu-3", kind: "cpu", instanceId: "a" },
        { id: "heap-2", kind: "heap", instanceId: "a" },
        { id: "cpu-b", kind: "cpu", instanceId: "b" },
      ]),
    ).toEqual({ baseId: "cpu-b", targetId: "cpu-3" });
    expect(
      defaultComparison([
        { id: "cpu-3", kind: "cpu", instanceId: "a" },
        { id: "up", kind: null, instanceId: null },
      ]),
    ).toEqual({ baseId: "up", targetId: "cpu-3" });
  });

  it("proposes nothing for an empty list", () => {
    expect(defaultComparison([])).toEqual({ baseId: "", targetId: "" });
  });
});
