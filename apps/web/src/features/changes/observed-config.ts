import type { DesiredConfig } from "@fleetdeck/core";
import type { ObservedRuntimeConfig } from "../entities/config-in-force.ts";
import { type ConfigKey, configValueOf } from "./config-diff.ts";

/** The runtime settings a metrics source reports; config-centre keys (gray ratio, custom) it does not. */
const observableKeys: ReadonlySet<ConfigKey> = new Set(["gogc", "memoryLimitBytes", "gomaxprocs"]);

export function isObservable(key: ConfigKey): boolean {
  return observableKeys.has(key);
}

export type ObservedAgreement = "matches" | "differs" | "unknown";

/**
 * Whether what an instance reports agrees with what it was told, over the keys a change sets that
 * can be observed. Unknown when it reports none of them, or when the change sets only keys no
 * metrics source reports.
 */
export function observedAgreement(
  told: DesiredConfig | null,
  observed: ObservedRuntimeConfig | null,
  keys: readonly ConfigKey[],
): ObservedAgreement {
  const checked = keys.filter(isObservable);
  if (told === null || observed === null || checked.length === 0) return "unknown";
  let known = 0;
  for (const key of checked) {
    const seen = configValueOf(observed, key);
    if (seen === null && key !== "memoryLimitBytes") continue;
    known++;
    if (seen !== configValueOf(told, key)) return "differs";
  }
  return known === 0 ? "unknown" : "matches";
}
