import type { ObservedGcSample } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { configInForce } from "./config-in-force.ts";

const startedWith = { runtimeConfig: { gogc: 100 as const, memoryLimitBytes: null, gomaxprocs: 4 } };

describe("configInForce", () => {
  it("prefers what the latest sample reports over the start-up config", () => {
    const sample = { gogc: 400, memoryLimitBytes: 512 * 1024 ** 2, gomaxprocs: 2 } as Parameters<
      typeof configInForce
    >[1];
    expect(configInForce(startedWith, sample)).toEqual({ gogc: 400, memoryLimitBytes: 512 * 1024 ** 2, gomaxprocs: 2 });
  });

  it("falls back to the start-up config without a sample", () => {
    expect(configInForce(startedWith, null)).toBe(startedWith.runtimeConfig);
  });
});

describe("configInForce with a sample from a metrics backend", () => {
  const observed = (fields: Partial<ObservedGcSample>) => ({ ...tinyObservedSample(), ...fields });

  it("falls back to the start-up config for each setting the sample lacks", () => {
    const sample = observed({
      gogc: null,
      gomaxprocs: 8,
      memoryLimitBytes: null,
      notes: [{ field: "memoryLimitBytes", kind: "missing", message: "go_gc_gomemlimit_bytes is absent" }],
    });
    const startup = { runtimeConfig: { gogc: 200, memoryLimitBytes: 256 * 1024 ** 2, gomaxprocs: 4 } };
    expect(configInForce(startup, sample)).toEqual({ gogc: 200, memoryLimitBytes: 256 * 1024 ** 2, gomaxprocs: 8 });
  });

  it("leaves a setting unknown when neither the sample nor the start-up config has it", () => {
    expect(configInForce({ runtimeConfig: null }, observed({ gogc: null, gomaxprocs: null }))).toEqual({
      gogc: null,
      memoryLimitBytes: null,
      gomaxprocs: null,
    });
    expect(configInForce({ runtimeConfig: null }, null)).toEqual({
      gogc: null,
      memoryLimitBytes: null,
      gomaxprocs: null,
    });
  });
});

function tinyObservedSample(): ObservedGcSample {
  return {
    instanceId: "i-1",
    timestampMs: 0,
    gcCyclesPerSecond: 1,
    pause: { minSeconds: 0, p25Seconds: 0, p50Seconds: 0, p75Seconds: 0, p99Seconds: 0, maxSeconds: 0 },
    heapLiveBytes: 1,
    heapInUseBytes: 1,
    heapGoalBytes: 1,
    memoryLimitBytes: null,
    gcCpuFraction: 0,
    gcCpuCores: 0,
    cpuUsageCores: 0,
    goroutines: 1,
    allocRateBytesPerSecond: 0,
    rssBytes: 1,
    gogc: 100,
    gomaxprocs: 4,
    requestsPerSecond: 0,
  };
}
