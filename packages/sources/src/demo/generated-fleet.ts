import type { Inventory, RuntimeConfig } from "@fleetdeck/core";

/**
 * What drives one simulated instance, precomputed once so that a snapshot of 10,000 instances is a
 * tight loop over plain numbers. Everything is at the service's daily traffic peak; traffic.ts
 * scales it down through the day.
 */
export interface InstanceWorkload {
  instanceId: string;
  serviceIndex: number;
  regionIndex: number;
  utcOffsetHours: number;
  /** Batch work runs at night: its traffic curve is the daytime one inverted. */
  nightShift: boolean;
  peakRps: number;
  cpuSecondsPerRequest: number;
  allocBytesPerRequest: number;
  /** Timers, metrics, connection housekeeping: allocation that goes on without requests. */
  backgroundAllocBytesPerSecond: number;
  /** The long-lived data (caches, indexes, connection state): the bulk of the live heap. */
  workingSetBytes: number;
  /** Heap a request keeps reachable while it runs; the live heap grows with concurrency. */
  inflightBytesPerRequest: number;
  requestLatencySeconds: number;
  baseGoroutines: number;
  /** Package-level variables: GC roots alongside the goroutine stacks. */
  globalsBytes: number;
  /** Noise keys: per instance for short wiggles, per service and region for shared swings. */
  instanceNoiseKey: number;
  serviceRegionNoiseKey: number;
  heapNoiseKey: number;
  cpuQuotaCores: number | null;
  /** The runtime config the process started with; config history changes it from there. */
  baseConfig: RuntimeConfig;
}

/** One edge of the service dependency DAG (calls go from lower to higher rank only). */
export interface ServiceCall {
  fromServiceIndex: number;
  toServiceIndex: number;
  callsPerRequest: number;
  p99LatencyMs: number;
  baseErrorRatio: number;
  /**
   * Share of the calls that go to the callee's home region even where it runs locally: writes to
   * a consensus group reach its leader, which lives in one region (multi-active setups). 0 for most.
   */
  crossRegionShare: number;
  noiseKey: number;
}

/**
 * A generated demo fleet: the inventory (deep-frozen, shared by every caller) and, index for
 * index with inventory.instances, the workload of each instance.
 */
export interface GeneratedDemoFleet {
  seed: number;
  inventory: Inventory;
  workloads: readonly InstanceWorkload[];
  calls: readonly ServiceCall[];
}
