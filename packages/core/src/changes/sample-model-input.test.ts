import { describe, expect, it } from "vitest";
import { sampleFor } from "../overview/test-fixtures.ts";
import { gcModelInputOfSample } from "./sample-model-input.ts";

const MiB = 1024 * 1024;
const config = { gogc: 150, memoryLimitBytes: 800 * MiB, gomaxprocs: 2 };

describe("gcModelInputOfSample", () => {
  it("takes the workload from the sample and the settings from the config", () => {
    expect(gcModelInputOfSample(sampleFor("a"), config, 2)).toEqual({
      kind: "input",
      input: {
        liveHeapBytes: 100 * MiB,
        rootsBytes: 500 * 8 * 1024,
        allocRateBytesPerSecond: 100 * MiB,
        gogc: 150,
        memoryLimitBytes: 800 * MiB,
        nonHeapBytes: 4 * MiB + 500 * 8 * 1024 + 3 * MiB,
        gomaxprocs: 2,
        cpuQuotaCores: 2,
        goroutines: 500,
        mutatorCpuCores: 1.8,
      },
    });
  });

  it("names the missing workload fields instead of guessing them", () => {
    const sample = { ...sampleFor("a"), allocRateBytesPerSecond: null, goroutines: null };
    expect(gcModelInputOfSample(sample, config, null)).toEqual({
      kind: "missing",
      fields: ["allocRateBytesPerSecond", "goroutines"],
    });
  });

  it("leaves the application CPU out when the sample cannot tell it", () => {
    const result = gcModelInputOfSample({ ...sampleFor("a"), gcCpuCores: null }, config, null);
    expect(result.kind === "input" && "mutatorCpuCores" in result.input).toBe(false);
  });
});
