import { describe, expect, it } from "vitest";
import { sampleFor } from "../overview/test-fixtures.ts";
import { GcSample, ObservedGcSample } from "./gc-sample.ts";

describe("ObservedGcSample", () => {
  it("accepts every complete GcSample, so complete sources need no conversion", () => {
    for (const sample of [sampleFor("a"), sampleFor("b", { gogc: "off", memoryLimitBytes: 2 ** 30 })]) {
      const observed: ObservedGcSample = GcSample.parse(sample);
      expect(ObservedGcSample.parse(observed)).toEqual(sample);
    }
  });

  it("lets a measurement be unknown, with a note that says which metric is missing", () => {
    const sample = sampleFor("a");
    const observed = ObservedGcSample.parse({
      ...sample,
      gogc: null,
      gcCpuFraction: null,
      pause: { ...sample.pause, p99Seconds: null },
      notes: [{ field: "gogc", kind: "missing", message: "go_gc_gogc_percent is missing" }],
    });
    expect(observed.gogc).toBeNull();
    expect(() => GcSample.parse(observed)).toThrow();
  });

  it("rejects a note about a field the sample does not have, or without a message", () => {
    const sample = sampleFor("a");
    expect(() =>
      ObservedGcSample.parse({ ...sample, notes: [{ field: "colour", kind: "missing", message: "x" }] }),
    ).toThrow();
    expect(() =>
      ObservedGcSample.parse({ ...sample, notes: [{ field: "gogc", kind: "missing", message: "" }] }),
    ).toThrow();
  });
});
