import type {
  GcSample,
  Inventory,
  ObservedGcSample,
  ObservedInventory,
  ProfileKind,
  RuntimeConfigPatch,
  ServiceEdge,
} from "@fleetdeck/core";

/** One profile to capture: a CPU profile runs for `seconds`, the other kinds are snapshots. */
export interface ProfileCaptureRequest {
  kind: ProfileKind;
  seconds: number;
}

export interface TimeRange {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/**
 * What every control plane answers (ARCHITECTURE.md, "The control plane contract"), as far as
 * it can: a metrics backend such as Prometheus sees only what each service exposes, so its
 * samples and instances may have unknown (null) fields, with notes and warnings saying why, and
 * it cannot change a runtime config. The BFF merges several of these and labels each datum
 * with the source's id.
 */
export interface ObservedFleetSource {
  readonly id: string;
  readonly kind: "demo" | "prometheus" | "kubernetes" | "etcd";
  /** Throws when the source cannot be reached; the error message says why. */
  ping(): Promise<void>;
  inventory(): Promise<ObservedInventory>;
  serviceEdges(atMs: number): Promise<ServiceEdge[]>;
  /**
   * The latest sample of every instance the source knows as of atMs, or of the listed ones only
   * (an unknown id is an error naming it).
   */
  gcSnapshot(atMs: number, instanceIds?: readonly string[]): Promise<ObservedGcSample[]>;
  /** One instance's samples over a range, one per step, aligned to multiples of stepMs. */
  gcSeries(instanceId: string, range: TimeRange): Promise<ObservedGcSample[]>;
  /** Changes the runtime config of instances from atMs on; absent on read-only sources. */
  applyRuntimeConfig?(instanceIds: readonly string[], patch: RuntimeConfigPatch, atMs: number): Promise<void>;
  /**
   * Captures one profile of an instance and returns the bytes as the instance served them
   * (profile.proto, usually gzipped), to be stored as they are. A CPU capture takes its seconds
   * and stops early with ProfileCaptureCancelled when `signal` fires. Failures name the instance
   * and the URL. Absent on sources that cannot reach the instances' pprof endpoints.
   */
  captureProfile?(instanceId: string, request: ProfileCaptureRequest, signal: AbortSignal): Promise<Uint8Array>;
}

/** A source that knows every field of every instance and sample and can change runtime config. */
export interface FleetSource extends ObservedFleetSource {
  inventory(): Promise<Inventory>;
  gcSnapshot(atMs: number, instanceIds?: readonly string[]): Promise<GcSample[]>;
  gcSeries(instanceId: string, range: TimeRange): Promise<GcSample[]>;
  applyRuntimeConfig(instanceIds: readonly string[], patch: RuntimeConfigPatch, atMs: number): Promise<void>;
}

/** Time, passed in so that tests and the demo fleet can run faster than the wall clock. */
export interface Clock {
  nowMs(): number;
}
