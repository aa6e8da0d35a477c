import type { GcSample, Inventory, RuntimeConfigPatch, ServiceEdge } from "@fleetdeck/core";

export interface TimeRange {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/**
 * What every control plane answers (ARCHITECTURE.md, "The control plane contract"). The BFF
 * merges several of these and labels each datum with the source's id.
 */
export interface FleetSource {
  readonly id: string;
  readonly kind: "demo" | "prometheus" | "kubernetes" | "etcd";
  /** Throws when the source cannot be reached; the error message says why. */
  ping(): Promise<void>;
  inventory(): Promise<Inventory>;
  serviceEdges(atMs: number): Promise<ServiceEdge[]>;
  /**
   * The latest sample of every instance the source knows as of atMs, or of the listed ones only
   * (an unknown id is an error naming it).
   */
  gcSnapshot(atMs: number, instanceIds?: readonly string[]): Promise<GcSample[]>;
  /** One instance's samples over a range, one per step, aligned to multiples of stepMs. */
  gcSeries(instanceId: string, range: TimeRange): Promise<GcSample[]>;
  /** Changes the runtime config of instances from atMs on. */
  applyRuntimeConfig(instanceIds: readonly string[], patch: RuntimeConfigPatch, atMs: number): Promise<void>;
}

/** Time, passed in so that tests and the demo fleet can run faster than the wall clock. */
export interface Clock {
  nowMs(): number;
}
