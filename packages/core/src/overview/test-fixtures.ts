import type { GcSample } from "../model/gc-sample.ts";
import type { Instance, Inventory } from "../model/inventory.ts";

const MiB = 1024 * 1024;

/** A small hand-made fleet: two regions, two services, four instances. */
export function tinyInventory(): Inventory {
  const instance = (id: string, serviceId: string, regionId: string, memoryLimitBytes: number | null): Instance => ({
    id,
    serviceId,
    regionId,
    clusterId: `${regionId}-k8s`,
    zoneId: `${regionId}-a`,
    nodeId: `${regionId}-node-1`,
    pprofUrl: `demo://${id}/debug/pprof`,
    metricsUrl: `demo://${id}/metrics`,
    goVersion: "go1.22.5",
    runtimeConfig: { gogc: 100, memoryLimitBytes: null, gomaxprocs: 4 },
    cpuLimitCores: 4,
    memoryLimitBytes,
  });
  return {
    regions: [
      { id: "eu-west", name: "EU West", utcOffsetHours: 1 },
      { id: "us-east", name: "US East", utcOffsetHours: -5 },
    ],
    zones: [],
    clusters: [
      { id: "eu-west-k8s", name: "eu-west-k8s", regionId: "eu-west", kind: "kubernetes" },
      { id: "us-east-k8s", name: "us-east-k8s", regionId: "us-east", kind: "kubernetes" },
    ],
    nodes: [],
    services: [
      { id: "checkout", name: "checkout", owner: "payments-team", tier: "critical" },
      { id: "search", name: "search", owner: "discovery", tier: "standard" },
    ],
    instances: [
      instance("checkout-1", "checkout", "eu-west", 1024 * MiB),
      instance("checkout-2", "checkout", "us-east", 1024 * MiB),
      instance("search-1", "search", "eu-west", 512 * MiB),
      instance("search-2", "search", "us-east", null),
    ],
  };
}

export function sampleFor(instanceId: string, overrides: Partial<GcSample> = {}): GcSample {
  return {
    instanceId,
    timestampMs: 0,
    gcCyclesPerSecond: 1,
    pause: {
      minSeconds: 20e-6,
      p25Seconds: 40e-6,
      p50Seconds: 50e-6,
      p75Seconds: 70e-6,
      p99Seconds: 200e-6,
      maxSeconds: 300e-6,
    },
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
    ...overrides,
  };
}
