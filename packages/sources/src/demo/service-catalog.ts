import type { ClusterKind, ServiceTier } from "@fleetdeck/core";

/** Where a service sits in the request path: it decides placement, traffic shape and callees. */
export type ServiceLayer = "edge" | "app" | "batch" | "data";

export interface ServiceCallTemplate {
  toServiceId: string;
  /** Downstream calls per request the caller serves. */
  callsPerRequest: number;
  p99LatencyMs: number;
}

/**
 * What a demo service is like at its daily peak, per instance. The GC-relevant shape comes from
 * here: allocation per request sets the allocation rate, the working set the live heap.
 */
export interface ServiceTemplate {
  id: string;
  name: string;
  owner: string;
  tier: ServiceTier;
  layer: ServiceLayer;
  /** A service only calls services of a higher rank, so the call graph is a DAG by construction. */
  rank: number;
  /** Cluster kinds it runs on, preferred first. */
  clusterKinds: readonly ClusterKind[];
  /** Consensus groups run a fixed member count per cluster (etcd: 3 or 5). */
  membersPerCluster?: readonly number[];
  /** Gateway-facing: the edge calls it (only used for generated services). */
  public?: boolean;
  peakRpsPerInstance: number;
  allocBytesPerRequest: number;
  workingSetBytes: number;
  cpuLimitCores: number;
  /** Mean time a request holds a goroutine: concurrency = rps × latency (Little's law). */
  requestLatencyMs: number;
  baseGoroutines: number;
  calls: readonly ServiceCallTemplate[];
}

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

const call = (toServiceId: string, callsPerRequest: number, p99LatencyMs: number): ServiceCallTemplate => ({
  toServiceId,
  callsPerRequest,
  p99LatencyMs,
});

const appKinds: readonly ClusterKind[] = ["kubernetes", "vm"];

/**
 * Hand-written services, in the order a fleet picks them (the default fleet takes the first 12).
 * The key-value tier is TiKV-like but written in Go ("kv-store"): TiKV itself is Rust, with no Go GC.
 */
export const serviceCatalog: readonly ServiceTemplate[] = [
  {
    id: "api-gateway",
    name: "api-gateway",
    owner: "platform-edge",
    tier: "critical",
    layer: "edge",
    rank: 0,
    clusterKinds: appKinds,
    peakRpsPerInstance: 1800,
    allocBytesPerRequest: 48 * KiB,
    workingSetBytes: 96 * MiB,
    cpuLimitCores: 4,
    requestLatencyMs: 35,
    baseGoroutines: 400,
    calls: [
      call("checkout", 0.06, 180),
      call("search", 0.45, 90),
      call("user-profile", 0.3, 30),
      call("inventory", 0.2, 40),
      call("recommendations", 0.25, 120),
      call("order-history", 0.05, 110),
    ],
  },
  {
    id: "checkout",
    name: "checkout",
    owner: "checkout-team",
    tier: "critical",
    layer: "app",
    rank: 10,
    clusterKinds: appKinds,
    peakRpsPerInstance: 220,
    allocBytesPerRequest: 180 * KiB,
    workingSetBytes: 320 * MiB,
    cpuLimitCores: 2,
    requestLatencyMs: 110,
    baseGoroutines: 300,
    calls: [
      call("payments", 1, 260),
      call("inventory", 2, 40),
      call("user-profile", 1, 30),
      call("notifications", 0.5, 20),
      call("tidb", 6, 14),
    ],
  },
  {
    id: "payments",
    name: "payments",
    owner: "payments-team",
    tier: "critical",
    layer: "app",
    rank: 20,
    clusterKinds: appKinds,
    peakRpsPerInstance: 120,
    allocBytesPerRequest: 256 * KiB,
    workingSetBytes: 256 * MiB,
    cpuLimitCores: 2,
    requestLatencyMs: 230,
    baseGoroutines: 250,
    calls: [call("tidb", 4, 16), call("etcd", 0.5, 9)],
  },
  {
    id: "tidb",
    name: "tidb",
    owner: "database-team",
    tier: "critical",
    layer: "data",
    rank: 80,
    clusterKinds: ["tidb"],
    peakRpsPerInstance: 3500,
    allocBytesPerRequest: 96 * KiB,
    workingSetBytes: 2 * GiB,
    cpuLimitCores: 8,
    requestLatencyMs: 8,
    baseGoroutines: 2000,
    calls: [call("kv-store", 6, 5), call("pd", 0.05, 3)],
  },
  {
    id: "kv-store",
    name: "kv-store",
    owner: "storage-team",
    tier: "critical",
    layer: "data",
    rank: 90,
    clusterKinds: ["tidb"],
    peakRpsPerInstance: 9000,
    allocBytesPerRequest: 16 * KiB,
    workingSetBytes: 3 * GiB,
    cpuLimitCores: 8,
    requestLatencyMs: 3,
    baseGoroutines: 3000,
    calls: [call("pd", 0.01, 2)],
  },
  {
    id: "etcd",
    name: "etcd",
    owner: "platform-storage",
    tier: "critical",
    layer: "data",
    rank: 95,
    clusterKinds: ["etcd"],
    membersPerCluster: [3, 5],
    peakRpsPerInstance: 1500,
    allocBytesPerRequest: 12 * KiB,
    workingSetBytes: 768 * MiB,
    cpuLimitCores: 4,
    requestLatencyMs: 5,
    baseGoroutines: 600,
    calls: [],
  },
  {
    id: "inventory",
    name: "inventory",
    owner: "supply-chain",
    tier: "standard",
    layer: "app",
    rank: 30,
    clusterKinds: appKinds,
    peakRpsPerInstance: 600,
    allocBytesPerRequest: 64 * KiB,
    workingSetBytes: 512 * MiB,
    cpuLimitCores: 2,
    requestLatencyMs: 25,
    baseGoroutines: 200,
    calls: [call("tidb", 2, 12), call("kv-store", 3, 5)],
  },
  {
    id: "search",
    name: "search",
    owner: "discovery",
    tier: "standard",
    layer: "app",
    rank: 25,
    clusterKinds: appKinds,
    peakRpsPerInstance: 450,
    allocBytesPerRequest: 420 * KiB,
    workingSetBytes: 1.5 * GiB,
    cpuLimitCores: 4,
    requestLatencyMs: 55,
    baseGoroutines: 350,
    calls: [call("kv-store", 4, 6), call("inventory", 0.3, 40)],
  },
  {
    id: "user-profile",
    name: "user-profile",
    owner: "identity",
    tier: "standard",
    layer: "app",
    rank: 40,
    clusterKinds: appKinds,
    peakRpsPerInstance: 900,
    allocBytesPerRequest: 32 * KiB,
    workingSetBytes: 384 * MiB,
    cpuLimitCores: 2,
    requestLatencyMs: 18,
    baseGoroutines: 200,
    calls: [call("tidb", 1, 10), call("kv-store", 2, 4)],
  },
  {
    id: "recommendations",
    name: "recommendations",
    owner: "discovery",
    tier: "standard",
    layer: "app",
    rank: 28,
    clusterKinds: appKinds,
    peakRpsPerInstance: 350,
    allocBytesPerRequest: 512 * KiB,
    workingSetBytes: 2 * GiB,
    cpuLimitCores: 4,
    requestLatencyMs: 70,
    baseGoroutines: 300,
    calls: [call("user-profile", 1, 25), call("kv-store", 8, 5)],
  },
  {
    id: "notifications",
    name: "notifications",
    owner: "messaging",
    tier: "standard",
    layer: "app",
    rank: 45,
    clusterKinds: appKinds,
    peakRpsPerInstance: 300,
    allocBytesPerRequest: 40 * KiB,
    workingSetBytes: 128 * MiB,
    cpuLimitCores: 1,
    requestLatencyMs: 12,
    baseGoroutines: 120,
    calls: [call("kv-store", 1, 5), call("etcd", 0.05, 9)],
  },
  {
    id: "report-builder",
    name: "report-builder",
    owner: "analytics",
    tier: "batch",
    layer: "batch",
    rank: 60,
    clusterKinds: appKinds,
    peakRpsPerInstance: 40,
    allocBytesPerRequest: 2 * MiB,
    workingSetBytes: 1 * GiB,
    cpuLimitCores: 4,
    requestLatencyMs: 900,
    baseGoroutines: 80,
    calls: [call("tidb", 30, 45), call("kv-store", 10, 6)],
  },
  {
    id: "pd",
    name: "pd",
    owner: "database-team",
    tier: "critical",
    layer: "data",
    rank: 97,
    clusterKinds: ["tidb"],
    membersPerCluster: [3],
    peakRpsPerInstance: 400,
    allocBytesPerRequest: 8 * KiB,
    workingSetBytes: 256 * MiB,
    cpuLimitCores: 2,
    requestLatencyMs: 2,
    baseGoroutines: 300,
    calls: [],
  },
  {
    id: "order-history",
    name: "order-history",
    owner: "checkout-team",
    tier: "standard",
    layer: "app",
    rank: 35,
    clusterKinds: appKinds,
    peakRpsPerInstance: 250,
    allocBytesPerRequest: 128 * KiB,
    workingSetBytes: 256 * MiB,
    cpuLimitCores: 2,
    requestLatencyMs: 45,
    baseGoroutines: 150,
    calls: [call("tidb", 3, 15)],
  },
];
