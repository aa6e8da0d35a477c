import { evaluateChangePolicy, type GcSample, type Instance, targetInstanceOf } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { predictionStats } from "./prediction-summary.ts";

const MiB = 1024 ** 2;

const instance = (id: string): Instance => ({
  id,
  serviceId: "checkout",
  regionId: "eu-west",
  clusterId: "eu-west-k8s",
  zoneId: "eu-west-a",
  nodeId: "eu-west-node-1",
  pprofUrl: `demo://${id}/debug/pprof`,
  metricsUrl: `demo://${id}/metrics`,
  goVersion: "go1.22.5",
  runtimeConfig: { gogc: 100, memoryLimitBytes: null, gomaxprocs: 4 },
  cpuLimitCores: 4,
  memoryLimitBytes: 2048 * MiB,
});

/** A busy instance: 100 MiB live heap allocating 100 MiB/s at GOGC 100, a GC every second. */
const sample = (instanceId: string): GcSample => ({
  instanceId,
  timestampMs: 0,
  gcCyclesPerSecond: 1,
  pause: { minSeconds: 2e-5, p25Seconds: 4e-5, p50Seconds: 5e-5, p75Seconds: 7e-5, p99Seconds: 2e-4, maxSeconds: 3e-4 },
  heapLiveBytes: 100 * MiB,
  heapInUseBytes: 150 * MiB,
  heapGoalBytes: 200 * MiB,
  memoryLimitBytes: null,
  gcCpuFraction: 0.05,
  gcCpuCores: 0.2,
  cpuUsageCores: 2,
  goroutines: 500,
  allocRateBytesPerSecond: 100 * MiB,
  rssBytes: 250 * MiB,
  gogc: 100,
  gomaxprocs: 4,
  requestsPerSecond: 100,
});

describe("the prediction's summary cards", () => {
  it("say what a GOGC rise saves and costs over the predicted instances, and who lacks data", () => {
    const evaluation = evaluateChangePolicy({
      content: {
        title: "GOGC up",
        description: "",
        patch: { gogc: 150 },
        target: { serviceId: "checkout", selector: "" },
        plan: {
          stages: [{ name: "all", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds: 60 }],
          gates: [],
          convergenceTimeoutSeconds: 60,
        },
      },
      targets: [
        targetInstanceOf(instance("a"), sample("a")),
        targetInstanceOf(instance("b"), sample("b")),
        targetInstanceOf(instance("c"), null),
      ],
      settings: { defaultApprovals: 1, freezeWindows: [] },
      moment: "submit",
      nowMs: 0,
      otherChanges: [],
    });
    const stats = predictionStats(evaluation);
    const saved = stats.find((s) => s.label === "GC CPU saved");
    expect(saved?.tone).toBe("good");
    expect(Number.parseFloat(saved?.value ?? "")).toBeGreaterThan(0);
    expect(saved?.detail).toBe("over 2 predicted instances");
    expect(stats.find((s) => s.label === "Memory added")).toMatchObject({ tone: "warn" });
    expect(stats.find((s) => s.label === "Under 15 % headroom")).toMatchObject({ value: "0 of 2", tone: "good" });
    expect(stats.find((s) => s.label === "Instances")).toMatchObject({
      value: "3",
      detail: "1 without data to predict from",
    });
  });
});
