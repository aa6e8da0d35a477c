import { defaultGcCostModel, ObservedGcSample } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { type AssemblyContext, assembleGcSample, type InstanceReadings } from "./assemble-gc-sample.ts";
import type { GcQueryKey } from "./gc-queries.ts";

type ValueKey = Exclude<GcQueryKey, "pauseQuantiles">;

/** A Go 1.22 service with every metric a fully configured client_golang exposes. */
const complete: Record<ValueKey, number> = {
  goroutines: 420,
  heapInUse: 150e6,
  heapGoal: 200e6,
  heapLive: 100e6,
  rss: 260e6,
  gogc: 100,
  memoryLimit: 2 ** 63 - 1,
  gomaxprocs: 4,
  gcCycles: 0.5,
  pauseP99: 4e-4,
  allocRate: 50e6,
  cpuUsage: 1.5,
  gcCpu: 0.1,
  totalCpu: 4,
};
const summary = new Map([
  [0, 1e-5],
  [0.25, 4e-5],
  [0.5, 7e-5],
  [0.75, 1e-4],
  [1, 5e-4],
]);

function readings(values: Partial<Record<ValueKey, number>>, quantiles = summary): InstanceReadings {
  return { value: (key) => values[key], pauseQuantile: (q) => quantiles.get(q) };
}

const context: AssemblyContext = { rateWindowSeconds: 60, failedQueries: new Map() };

function without(...keys: ValueKey[]) {
  return Object.fromEntries(Object.entries(complete).filter(([key]) => !keys.includes(key as ValueKey)));
}

describe("assembleGcSample", () => {
  it("maps every metric of a complete service to its field, noting only the request rate", () => {
    const sample = assembleGcSample("cart-1", 1_000, readings(complete), context);
    expect(() => ObservedGcSample.parse(sample)).not.toThrow();
    expect(sample).toMatchObject({
      gcCyclesPerSecond: 0.5,
      pause: {
        minSeconds: 1e-5,
        p25Seconds: 4e-5,
        p50Seconds: 7e-5,
        p75Seconds: 1e-4,
        p99Seconds: 4e-4,
        maxSeconds: 5e-4,
      },
      heapLiveBytes: 100e6,
      heapInUseBytes: 150e6,
      heapGoalBytes: 200e6,
      memoryLimitBytes: null,
      gcCpuCores: 0.1,
      gcCpuFraction: 0.025,
      cpuUsageCores: 1.5,
      goroutines: 420,
      allocRateBytesPerSecond: 50e6,
      rssBytes: 260e6,
      gogc: 100,
      gomaxprocs: 4,
      requestsPerSecond: null,
    });
    expect(sample.notes?.map((note) => note.field)).toEqual(["requestsPerSecond"]);
  });

  it("leaves a missing metric's field null and says which metric is missing", () => {
    const sample = assembleGcSample("cart-1", 1_000, readings(without("rss")), context);
    expect(sample.rssBytes).toBeNull();
    expect(sample.notes).toContainEqual({
      field: "rssBytes",
      kind: "missing",
      message: "process_resident_memory_bytes is missing (exposed by client_golang's process collector (Linux))",
    });
    expect(sample.heapInUseBytes).toBe(150e6);
  });

  it("says a missing rate may be a target with fewer than two scrapes", () => {
    const sample = assembleGcSample("cart-1", 1_000, readings(without("gcCycles")), context);
    expect(sample.gcCyclesPerSecond).toBeNull();
    expect(sample.notes?.find((n) => n.field === "gcCyclesPerSecond")?.message).toContain(
      "go_gc_duration_seconds_count is missing (exposed by every client_golang Go collector, or fewer than two scrapes in the last 60 s)",
    );
  });

  it("names the failed query when a whole query failed", () => {
    const failed: AssemblyContext = { ...context, failedQueries: new Map([["goroutines", "HTTP 503: timeout"]]) };
    const sample = assembleGcSample("cart-1", 1_000, readings(without("goroutines")), failed);
    expect(sample.notes?.find((n) => n.field === "goroutines")?.message).toBe(
      "the query for go_goroutines failed: HTTP 503: timeout",
    );
  });

  it("reads GOGC=off, a set memory limit and no limit as the runtime reports them", () => {
    const off = assembleGcSample("a", 0, readings({ ...complete, gogc: -1, memoryLimit: 512 * 2 ** 20 }), context);
    expect(off.gogc).toBe("off");
    expect(off.memoryLimitBytes).toBe(512 * 2 ** 20);
    expect(off.notes?.some((n) => n.field === "memoryLimitBytes")).toBe(false);
  });

  it("estimates what a classic collector (etcd, Go 1.19) lacks and says so", () => {
    const classic = without("heapLive", "gogc", "memoryLimit", "gomaxprocs", "gcCpu", "totalCpu", "pauseP99");
    const sample = assembleGcSample("etcd-1", 0, readings(classic), context);
    expect(sample.heapLiveBytes).toBeCloseTo(100e6);
    const cost = defaultGcCostModel;
    const perCycle =
      cost.fixedCpuSecondsPerCycle + cost.markCpuSecondsPerByte * 100e6 + cost.sweepCpuSecondsPerByte * 200e6;
    expect(sample.gcCpuCores).toBeCloseTo(0.5 * perCycle, 12);
    expect(sample.gcCpuFraction).toBeNull();
    expect(sample.pause.p99Seconds).toBeNull();
    const notes = new Map(sample.notes?.map((n) => [n.field, n]));
    expect(notes.get("heapLiveBytes")).toMatchObject({ kind: "estimated" });
    expect(notes.get("heapLiveBytes")?.message).toContain("GOGC=100 assumed");
    expect(notes.get("gcCpuCores")).toMatchObject({ kind: "estimated" });
    expect(notes.get("gcCpuFraction")).toMatchObject({
      kind: "missing",
      message: expect.stringContaining("GOMAXPROCS is unknown"),
    });
    expect(notes.get("pause.p99Seconds")?.message).toContain("no 0.99 quantile");
    expect(notes.get("gogc")?.message).toContain("go_gc_gogc_percent is missing");
  });

  it("estimates the GC CPU fraction over GOMAXPROCS when that is known", () => {
    const sample = assembleGcSample("a", 0, readings(without("gcCpu", "totalCpu")), context);
    expect(sample.gcCpuFraction).toBeCloseTo((sample.gcCpuCores as number) / 4, 12);
    expect(sample.notes?.find((n) => n.field === "gcCpuFraction")?.kind).toBe("estimated");
  });

  it("cannot infer the live heap without a goal, or under GOGC=off", () => {
    const noGoal = assembleGcSample("a", 0, readings(without("heapLive", "heapGoal")), context);
    expect(noGoal.heapLiveBytes).toBeNull();
    expect(noGoal.gcCpuCores).toBe(0.1);
    const off = assembleGcSample("a", 0, readings({ ...without("heapLive"), gogc: -1 }), context);
    expect(off.heapLiveBytes).toBeNull();
    expect(off.notes?.find((n) => n.field === "heapLiveBytes")?.message).toContain("GOGC=off");
  });

  it("notes a pause summary without quantiles and caps a histogram p99 above the slowest pause", () => {
    const noSummary = assembleGcSample("a", 0, readings(complete, new Map()), context);
    expect(noSummary.pause).toMatchObject({ minSeconds: null, maxSeconds: null, p99Seconds: 4e-4 });
    expect(noSummary.notes?.find((n) => n.field === "pause")?.message).toContain("go_gc_duration_seconds is missing");
    const overshoot = assembleGcSample("a", 0, readings({ ...complete, pauseP99: 9e-4 }), context);
    expect(overshoot.pause.p99Seconds).toBe(5e-4);
  });

  it("shares one note object among instances missing the same metric", () => {
    const a = assembleGcSample("a", 0, readings(without("rss")), context);
    const b = assembleGcSample("b", 0, readings(without("rss")), context);
    expect(a.notes?.find((n) => n.field === "rssBytes")).toBe(b.notes?.find((n) => n.field === "rssBytes"));
  });
});
