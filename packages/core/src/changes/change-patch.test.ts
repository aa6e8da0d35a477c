import { describe, expect, it } from "vitest";
import { applyDesiredPatch, applyRuntimePatch, patchTouchesRuntime } from "./change-patch.ts";

const MiB = 1024 * 1024;
const current = { gogc: 100 as const, memoryLimitBytes: 512 * MiB, gomaxprocs: 4 };

describe("applyRuntimePatch", () => {
  it("keeps what the patch leaves out", () => {
    expect(applyRuntimePatch(current, { gogc: 200 })).toEqual({ ...current, gogc: 200 });
  });

  it("removes GOMEMLIMIT on an explicit null, unlike a missing key", () => {
    expect(applyRuntimePatch(current, { memoryLimitBytes: null })).toEqual({ ...current, memoryLimitBytes: null });
    expect(applyRuntimePatch(current, { gomaxprocs: 2 }).memoryLimitBytes).toBe(512 * MiB);
  });
});

describe("applyDesiredPatch", () => {
  it("merges custom keys into the ones already set and sets the gray ratio", () => {
    const desired = { ...current, grayRatio: null, custom: { "cache.size": "64", "log.level": "info" } };
    expect(applyDesiredPatch(desired, { grayRatio: 0.1, custom: { "log.level": "debug" } })).toEqual({
      ...current,
      grayRatio: 0.1,
      custom: { "cache.size": "64", "log.level": "debug" },
    });
    expect(desired.custom["log.level"]).toBe("info");
  });

  it("removes what a null names, as a JSON merge patch does: the gray release, a custom key", () => {
    const desired = { ...current, grayRatio: 0.2, custom: { "cache.size": "64", "log.level": "info" } };
    expect(applyDesiredPatch(desired, { grayRatio: null, custom: { "cache.size": null } })).toEqual({
      ...current,
      grayRatio: null,
      custom: { "log.level": "info" },
    });
  });
});

describe("patchTouchesRuntime", () => {
  it("is false for config-centre keys only", () => {
    expect(patchTouchesRuntime({ grayRatio: 0.5 })).toBe(false);
    expect(patchTouchesRuntime({ memoryLimitBytes: null })).toBe(true);
  });
});
