import { describe, expect, it } from "vitest";
import { pauseQuantiles } from "./pause-model.ts";

const healthy = { goroutines: 1_000, gomaxprocs: 4, cpuQuotaCores: 4, demandCores: 2 };

describe("pauseQuantiles", () => {
  it("puts a healthy process's pauses in the tens to hundreds of microseconds, ordered", () => {
    const q = pauseQuantiles(healthy);
    expect(q.p50Seconds).toBeGreaterThan(20e-6);
    expect(q.p99Seconds).toBeLessThan(500e-6);
    const ordered = [q.minSeconds, q.p25Seconds, q.p50Seconds, q.p75Seconds, q.p99Seconds, q.maxSeconds];
    expect([...ordered].sort((a, b) => a - b)).toEqual(ordered);
  });

  it("grows with the goroutine count", () => {
    expect(pauseQuantiles({ ...healthy, goroutines: 100_000 }).p50Seconds).toBeGreaterThan(
      pauseQuantiles(healthy).p50Seconds * 2,
    );
  });

  it("grows the tail by milliseconds when a busy process has GOMAXPROCS above its CPU quota", () => {
    const starved = pauseQuantiles({ ...healthy, gomaxprocs: 16, cpuQuotaCores: 2, demandCores: 1.8 });
    expect(starved.p99Seconds).toBeGreaterThan(10e-3);
    expect(starved.p50Seconds).toBeLessThan(1e-3);
  });

  it("leaves an idle over-provisioned process's tail alone", () => {
    const idle = pauseQuantiles({ ...healthy, gomaxprocs: 16, cpuQuotaCores: 2, demandCores: 0.05 });
    expect(idle.p99Seconds).toBeLessThan(1e-3);
  });
});
