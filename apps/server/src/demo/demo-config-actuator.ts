import { type ChangePatch, type DesiredConfig, sameDesiredConfig } from "@fleetdeck/core";
import { type ConfigActuator, ConfigConflictError, type InstanceConfigState } from "@fleetdeck/sources";
import { InvalidRequestError } from "../infra/errors.ts";
import type { DemoControl } from "./demo-control.ts";

/** Demo time an instance takes to pick up a new config: between these, fixed per instance. */
const minPickupMs = 1_000;
const maxPickupMs = 6_000;

/**
 * The demo fleet as a config centre. What an instance is told is its config at the end of its
 * history; what it runs is its config now. An instance picks a written config up a few seconds
 * of demo time later, as a real one watching its key would, so rollouts see it converge.
 */
export class DemoConfigActuator implements ConfigActuator {
  readonly id = "demo";

  constructor(private readonly control: DemoControl) {}

  async read(serviceId: string, instanceIds: readonly string[]): Promise<InstanceConfigState[]> {
    this.assertService(serviceId, instanceIds);
    const nowMs = this.control.clock.nowMs();
    const fleet = this.control.source;
    if (fleet.outageMessage !== null) await fleet.ping();
    return instanceIds.map((instanceId) => ({
      instanceId,
      desired: fleet.configAt(instanceId, Number.POSITIVE_INFINITY),
      observed: fleet.configAt(instanceId, nowMs),
      observedAtMs: nowMs,
    }));
  }

  async apply(
    serviceId: string,
    writes: readonly { instanceId: string; config: DesiredConfig; expected: DesiredConfig | null }[],
  ) {
    this.assertService(
      serviceId,
      writes.map((w) => w.instanceId),
    );
    const fleet = this.control.source;
    const told = (instanceId: string) => fleet.configAt(instanceId, Number.POSITIVE_INFINITY);
    const conflicts = writes
      // A config already told is a no-op, whatever was expected: the repeat of a write cut short by a crash.
      .filter((write) => !sameDesiredConfig(told(write.instanceId), write.config))
      .filter((write) => !sameDesiredConfig(told(write.instanceId), write.expected))
      .map((write) => ({ instanceId: write.instanceId, found: told(write.instanceId) }));
    if (conflicts.length > 0) throw new ConfigConflictError(conflicts, "demo fleet");
    const nowMs = this.control.clock.nowMs();
    await this.control.recordDesiredConfigs(
      writes
        .filter((write) => !sameDesiredConfig(told(write.instanceId), write.config))
        .map((write) => ({
          instanceId: write.instanceId,
          patch: replacing(write.config, told(write.instanceId)),
          atMs: nowMs + pickupDelayMs(write.instanceId),
        })),
    );
  }

  private assertService(serviceId: string, instanceIds: readonly string[]) {
    const foreign = instanceIds.filter((id) => this.control.source.serviceOf(id) !== serviceId);
    if (foreign.length > 0) {
      throw new InvalidRequestError(`not instances of service "${serviceId}" in the demo fleet: ${foreign.join(", ")}`);
    }
  }
}

/** A patch that leaves the instance with exactly this config: every key set, old custom keys removed. */
function replacing(config: DesiredConfig, told: DesiredConfig): ChangePatch {
  const removed = Object.keys(told.custom).filter((key) => !(key in config.custom));
  return {
    gogc: config.gogc,
    memoryLimitBytes: config.memoryLimitBytes,
    gomaxprocs: config.gomaxprocs,
    grayRatio: config.grayRatio,
    custom: { ...Object.fromEntries(removed.map((key) => [key, null])), ...config.custom },
  };
}

/** Fixed per instance (a string hash), so a replayed history picks configs up at the same moments. */
export function pickupDelayMs(instanceId: string): number {
  let hash = 2166136261;
  for (let i = 0; i < instanceId.length; i++) hash = Math.imul(hash ^ instanceId.charCodeAt(i), 16777619);
  return minPickupMs + ((hash >>> 0) % (maxPickupMs - minPickupMs));
}
