import {
  catalogFleet,
  type GcSample,
  type Instance,
  type Inventory,
  scopeInventoryToRegion,
  summarizeFleet,
} from "@fleetdeck/core";

const MiB = 1024 * 1024;

/**
 * A three-region fleet (ap-south has no instances), summarized by core's real functions, so the
 * view tests run on the same shapes the server sends.
 */
function tinyFleet() {
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
  const inventory: Inventory = {
    regions: [
      { id: "eu-west", name: "EU West", utcOffsetHours: 1 },
      { id: "us-east", name: "US East", utcOffsetHours: -5 },
      { id: "ap-south", name: "AP South", utcOffsetHours: 5.5 },
    ],
    zones: [],
    clusters: [
      { id: "eu-west-k8s", name: "eu-west-k8s", regionId: "eu-west", kind: "kubernetes" },
      { id: "us-east-k8s", name: "us-east-k8s", regionId: "us-east", kind: "kubernetes" },
    ],
    nodes: [],
    services: [
      { id: "checkout", name: "checkout", owner: "payments", tier: "critical" },
      { id: "search", name: "search", owner: "discovery", tier: "standard" },
      { id: "batch-etl", name: "batch-etl", owner: "data", tier: "batch" },
    ],
    instances: [
      instance("checkout-1", "checkout", "eu-west", 1024 * MiB),
      instance("checkout-2", "checkout", "us-east", 1024 * MiB),
      instance("search-1", "search", "eu-west", 512 * MiB),
      instance("search-2", "search", "us-east", null),
      instance("search-3", "search", "us-east", 512 * MiB),
      instance("batch-etl-1", "batch-etl", "us-east", 2048 * MiB),
    ],
  };
  const sample = (instanceId: string, overrides: Partial<GcSample>): GcSample => ({
    instanceId,
    timestampMs: 0,
    gcCyclesPerSecond: 1,
    pause: {
      minSeconds: 2e-5,
      p25Seconds: 4e-5,
      p50Seconds: 5e-5,
      p75Seconds: 7e-5,
      p99Seconds: 2e-4,
      maxSeconds: 3e-4,
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
  });
  const samples = new Map(
    [
      sample("checkout-1", {
        gcCpuCores: 1.5,
        gcCpuFraction: 0.375,
        pause: { ...sample("x", {}).pause, p99Seconds: 0.02 },
      }),
      sample("checkout-2", { gcCpuCores: 0.5, gcCpuFraction: 0.125 }),
      sample("search-1", { gcCpuCores: 0.1, gcCpuFraction: 0.02, rssBytes: 480 * MiB }),
      sample("search-2", { gcCpuCores: 0.1, gcCpuFraction: 0.02 }),
      sample("search-3", { gcCpuCores: 0.1, gcCpuFraction: 0.02 }),
      sample("batch-etl-1", { gcCpuCores: 0.9, gcCpuFraction: 0.45 }),
    ].map((s) => [s.instanceId, s]),
  );
  return { inventory, samples };
}

const atMs = Date.UTC(2025, 0, 2, 14, 3, 27);

/** `fleet.overview`'s answer: the whole fleet, or one region as the server scopes it. */
export function tinyFleetOverview(regionId?: string) {
  const { inventory, samples } = tinyFleet();
  const scoped = regionId === undefined ? inventory : scopeInventoryToRegion(inventory, regionId);
  if (!scoped) throw new Error(`the tiny fleet has no region "${regionId}"`);
  return summarizeFleet(scoped, samples, { atMs });
}

/** `fleet.catalog`'s answer for the same fleet. */
export function tinyFleetCatalog() {
  return catalogFleet(tinyFleet().inventory);
}
