import type { DesiredConfig } from "@fleetdeck/core";

/** One instance's config as its control plane holds it: what it is told and what it reports. */
export interface InstanceConfigState {
  instanceId: string;
  /** The config the instance is told to run; null when nothing was ever set for it. */
  desired: DesiredConfig | null;
  /** What the instance reports it applied; null when it has not reported (yet). */
  observed: DesiredConfig | null;
  /** When the instance last reported, in ms since the epoch; null when it never did. */
  observedAtMs: number | null;
}

/** One instance to change, with what the caller believes it is told now. */
export interface DesiredConfigWrite {
  instanceId: string;
  config: DesiredConfig;
  /**
   * The desired config the caller read before (null: none set). When the control plane holds
   * something else, someone changed it underneath and the write is refused (ConfigConflictError),
   * for all instances of the call. Writing a config that is already desired is a no-op, so a
   * write repeated after a crash changes nothing.
   */
  expected: DesiredConfig | null;
}

/**
 * Sets and reads the runtime config of a service's instances (ARCHITECTURE.md, "config" of the
 * control plane contract). The demo fleet, etcd as a config centre and others implement it.
 */
export interface ConfigActuator {
  readonly id: string;
  apply(serviceId: string, writes: readonly DesiredConfigWrite[]): Promise<void>;
  read(serviceId: string, instanceIds: readonly string[]): Promise<InstanceConfigState[]>;
}

/** A desired config changed underneath the writer: names the instances and what they hold. */
export class ConfigConflictError extends Error {
  constructor(
    readonly conflicts: readonly { instanceId: string; found: DesiredConfig | null }[],
    where: string,
  ) {
    super(
      `${where}: the desired config of ${conflicts.map((c) => c.instanceId).join(", ")} changed underneath this write`,
    );
    this.name = "ConfigConflictError";
  }
}
