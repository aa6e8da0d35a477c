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
