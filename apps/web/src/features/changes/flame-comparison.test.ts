import { describe, expect, it } from "vitest";
import { flameComparisonOf, type StoredProfileRef } from "./flame-comparison.ts";
import type { GateComparison } from "./rollout-view.ts";

const t = (ms: number) => new Date(ms).toISOString();
const comparison: GateComparison = {
  canaryIds: ["c1"],
  baselineIds: ["b1", "b2"],
  baselineKind: "unchanged-instances",
  windowStartMs: 10_000,
  windowEndMs: 20_000,
  baselineWindowStartMs: 10_000,
  baselineWindowEndMs: 20_000,
};
const profile = (id: string, instanceId: string, kind: string, atMs: number): StoredProfileRef => ({
  id,
  instanceId,
  kind,
  capturedAt: t(atMs),
});

describe("the flame graphs a gate can be compared by", () => {
  it("pairs the newest canary profile from the bake with the newest baseline one of the same kind, CPU first", () => {
    const pair = flameComparisonOf(
      [
        profile("p1", "c1", "heap", 15_000),
        profile("p2", "c1", "cpu", 12_000),
        profile("p3", "c1", "cpu", 14_000),
        profile("p4", "b2", "cpu", 11_000),
        profile("p5", "b1", "heap", 16_000),
        profile("p6", "x9", "cpu", 16_000),
      ],
      comparison,
    );
    expect(pair).toEqual({ baseId: "p4", targetId: "p3", kind: "cpu" });
  });

  it("finds none when a canary profile predates the change or no kind is shared", () => {
    expect(
      flameComparisonOf([profile("p1", "c1", "cpu", 5_000), profile("p2", "b1", "cpu", 12_000)], comparison),
    ).toBeNull();
    expect(
      flameComparisonOf([profile("p1", "c1", "cpu", 12_000), profile("p2", "b1", "heap", 12_000)], comparison),
    ).toBeNull();
  });

  it("takes a before-change baseline from the same instances before they changed", () => {
    const before: GateComparison = {
      ...comparison,
      baselineIds: ["c1"],
      baselineKind: "before-change",
      baselineWindowStartMs: 0,
      baselineWindowEndMs: 8_000,
    };
    const pair = flameComparisonOf(
      [
        profile("after", "c1", "cpu", 15_000),
        profile("before", "c1", "cpu", 7_000),
        profile("mid", "c1", "cpu", 9_000),
      ],
      before,
    );
    expect(pair).toEqual({ baseId: "before", targetId: "after", kind: "cpu" });
  });
});
