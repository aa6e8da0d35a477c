import type { GcSample, Instance, RuntimeConfig } from "@fleetdeck/core";

/**
 * The runtime config an instance runs with now: what its latest sample reports (a rollout or a
 * runtime/debug call changes it without a restart), else the config it was started with.
 */
export function configInForce(instance: Pick<Instance, "runtimeConfig">, sample: GcSample | null): RuntimeConfig {
  if (!sample) return instance.runtimeConfig;
  return { gogc: sample.gogc, memoryLimitBytes: sample.memoryLimitBytes, gomaxprocs: sample.gomaxprocs };
}
