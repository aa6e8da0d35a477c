import type { ObservedGcSample, RuntimeConfig } from "@fleetdeck/core";

/** A runtime config whose settings may be unknown (null) when a metrics backend did not see them. */
export interface ObservedRuntimeConfig {
  gogc: RuntimeConfig["gogc"] | null;
  memoryLimitBytes: number | null;
  gomaxprocs: number | null;
}

const unknownConfig: ObservedRuntimeConfig = { gogc: null, memoryLimitBytes: null, gomaxprocs: null };

/**
 * The runtime config an instance runs with now: what its latest sample reports (a rollout or a
 * runtime/debug call changes it without a restart), else the config it was started with. A
 * setting the sample lacks falls back to the start-up config, when that is known.
 */
export function configInForce(
  instance: { runtimeConfig: RuntimeConfig | null },
  sample: ObservedGcSample | null,
): ObservedRuntimeConfig {
  const startedWith = instance.runtimeConfig;
  if (!sample) return startedWith ?? unknownConfig;
  // A null memory limit with no note means "no GOMEMLIMIT"; with a note it means "not seen".
  const memoryLimitMissing = (sample.notes ?? []).some((n) => n.field === "memoryLimitBytes" && n.kind === "missing");
  return {
    gogc: sample.gogc ?? startedWith?.gogc ?? null,
    memoryLimitBytes: memoryLimitMissing ? (startedWith?.memoryLimitBytes ?? null) : sample.memoryLimitBytes,
    gomaxprocs: sample.gomaxprocs ?? startedWith?.gomaxprocs ?? null,
  };
}
