import { describe, expect, it } from "vitest";
import { classifyInstanceHealth, effectiveMemoryLimitBytes } from "./health-policy.ts";
import { sampleFor, tinyInventory } from "./test-fixtures.ts";

const MiB = 1024 * 1024;
const [checkout] = tinyInventory().instances;
if (!checkout) throw new Error("fixture has no instances");

describe("classifyInstanceHealth", () => {
  it("is healthy within every threshold", () => {
    expect(classifyInstanceHealth(checkout, sampleFor(checkout.id))).toEqual({ healthy: true, reasons: [] });
  });

  it("names each breached threshold", () => {
    const sample = sampleFor(checkout.id, {
      gcCpuFraction: 0.4,
      pause: { ...sampleFor(checkout.id).pause, p99Seconds: 0.025 },
      rssBytes: 1000 * MiB,
    });
    expect(classifyInstanceHealth(checkout, sample).reasons).toEqual([
      "GC CPU 40% above 25%",
      "GC pause p99 25.0 ms above 10 ms",
      "memory headroom 2% below 10%",
    ]);
  });

  it("skips the checks whose metric the source did not have, never reading null as 0", () => {
    const sample = {
      ...sampleFor(checkout.id, { gcCpuFraction: 0.4, rssBytes: 1000 * MiB }),
      pause: { ...sampleFor(checkout.id).pause, p99Seconds: null },
      gcCpuFraction: null,
    };
    expect(classifyInstanceHealth(checkout, sample).reasons).toEqual(["memory headroom 2% below 10%"]);
    expect(classifyInstanceHealth(checkout, { ...sample, rssBytes: null })).toEqual({ healthy: true, reasons: [] });
  });

  it("falls back to the GOMEMLIMIT in force when the container has no memory limit", () => {
    const instance = { ...checkout, memoryLimitBytes: null };
    const sample = sampleFor(checkout.id, { rssBytes: 290 * MiB, memoryLimitBytes: 300 * MiB });
    expect(effectiveMemoryLimitBytes(instance, sample)).toBe(300 * MiB);
    expect(classifyInstanceHealth(instance, sample).healthy).toBe(false);
    expect(classifyInstanceHealth(instance, { ...sample, memoryLimitBytes: null }).healthy).toBe(true);
  });
});
