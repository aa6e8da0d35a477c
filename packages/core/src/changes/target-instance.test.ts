import { describe, expect, it } from "vitest";
import { sampleFor, tinyInventory } from "../overview/test-fixtures.ts";
import { targetInstanceOf } from "./target-instance.ts";

const [checkout] = tinyInventory().instances;
if (!checkout) throw new Error("fixture has no instances");

describe("targetInstanceOf", () => {
  it("takes the config and limits from the inventory", () => {
    expect(targetInstanceOf(checkout, null)).toEqual({
      instanceId: "checkout-1",
      regionId: "eu-west",
      clusterId: "eu-west-k8s",
      currentConfig: { gogc: 100, memoryLimitBytes: null, gomaxprocs: 4 },
      cpuLimitCores: 4,
      containerMemoryLimitBytes: 1024 * 1024 * 1024,
      latestSample: null,
      peakLiveHeapBytes: null,
    });
  });

  it("falls back to the config the sample reports when the inventory does not know it", () => {
    const sample = sampleFor("checkout-1", { gogc: 300, memoryLimitBytes: 700, gomaxprocs: 2 });
    const observed = { ...checkout, runtimeConfig: null, cpuLimitCores: undefined, memoryLimitBytes: undefined };
    const target = targetInstanceOf(observed, sample, 123);
    expect(target.currentConfig).toEqual({ gogc: 300, memoryLimitBytes: 700, gomaxprocs: 2 });
    expect(target.cpuLimitCores).toBeNull();
    expect(target.containerMemoryLimitBytes).toBeNull();
    expect(target.peakLiveHeapBytes).toBe(123);
  });

  it("leaves the config unknown when the sample misses a setting", () => {
    const observed = { ...checkout, runtimeConfig: null };
    expect(targetInstanceOf(observed, { ...sampleFor("checkout-1"), gogc: null }).currentConfig).toBeNull();
    const noLimitMetric = {
      ...sampleFor("checkout-1"),
      notes: [
        { field: "memoryLimitBytes" as const, kind: "missing" as const, message: "go_gc_gomemlimit_bytes absent" },
      ],
    };
    expect(targetInstanceOf(observed, noLimitMetric).currentConfig).toBeNull();
  });
});
