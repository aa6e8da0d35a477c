import type { ChangePatch, DesiredConfig } from "@fleetdeck/core";
import { formatBytes } from "../../lib/format.ts";

/** One setting a patch can change, as people name it. */
export type ConfigKey = "gogc" | "memoryLimitBytes" | "gomaxprocs" | "grayRatio" | `custom.${string}`;

/** A config as far as it is known: runtime settings a metrics source reports, keys a config centre holds. */
export type KnownConfig = {
  gogc?: DesiredConfig["gogc"] | null;
  memoryLimitBytes?: number | null;
  gomaxprocs?: number | null;
  grayRatio?: number | null;
  custom?: Readonly<Record<string, string>>;
};

export function configKeyLabel(key: ConfigKey): string {
  switch (key) {
    case "gogc":
      return "GOGC";
    case "memoryLimitBytes":
      return "GOMEMLIMIT";
    case "gomaxprocs":
      return "GOMAXPROCS";
    case "grayRatio":
      return "Gray ratio";
    default:
      return key.slice("custom.".length);
  }
}

/** The keys a patch sets, in a fixed order (runtime settings first, then custom keys by name). */
export function patchKeys(patch: ChangePatch): ConfigKey[] {
  const keys: ConfigKey[] = [];
  if (patch.gogc !== undefined) keys.push("gogc");
  if (patch.memoryLimitBytes !== undefined) keys.push("memoryLimitBytes");
  if (patch.gomaxprocs !== undefined) keys.push("gomaxprocs");
  if (patch.grayRatio !== undefined) keys.push("grayRatio");
  for (const name of Object.keys(patch.custom ?? {}).sort()) keys.push(`custom.${name}`);
  return keys;
}

/** A key's value in a patch or a config; undefined when it does not say. */
export function configValueOf(config: KnownConfig | ChangePatch, key: ConfigKey): unknown {
  if (key.startsWith("custom.")) return config.custom?.[key.slice("custom.".length)];
  return config[key as Exclude<ConfigKey, `custom.${string}`>];
}

/** A value as the console writes it: "150", "off", "1.5 GiB", "none", "25 %". */
export function formatConfigValue(key: ConfigKey, value: unknown): string {
  if (value === undefined) return "not reported";
  switch (key) {
    case "gogc":
      return value === "off" ? "off" : String(value);
    case "memoryLimitBytes":
      return value === null ? "none" : formatBytes(value as number);
    case "grayRatio":
      return value === null ? "none" : `${Number(((value as number) * 100).toPrecision(4))} %`;
    default:
      return value === null ? "deleted" : String(value);
  }
}

/** "GOGC → 150 · GOMEMLIMIT → 1.5 GiB": what a change sets, for one line of a list. */
export function describePatch(patch: ChangePatch): string {
  return patchKeys(patch)
    .map((key) => `${configKeyLabel(key)} → ${formatConfigValue(key, configValueOf(patch, key))}`)
    .join(" · ");
}

export interface ConfigDiffRow {
  key: ConfigKey;
  label: string;
  /** What the target runs now: "100", or "100 on 6 · 80 on 2" when instances differ. */
  before: string;
  after: string;
  /** False when every instance already runs the value the patch sets. */
  changes: boolean;
}

/**
 * The patch against the target's current configs, one row per key it sets. Instances that differ
 * are grouped by value, most common first, so "100 on 6 · 80 on 2" shows a fleet already split.
 */
export function configDiffRows(patch: ChangePatch, current: readonly KnownConfig[]): ConfigDiffRow[] {
  return patchKeys(patch).map((key) => {
    const after = configValueOf(patch, key);
    const counts = new Map<string, number>();
    let alreadyThere = current.length > 0;
    for (const config of current) {
      const value = configValueOf(config, key);
      const text = formatConfigValue(key, value);
      counts.set(text, (counts.get(text) ?? 0) + 1);
      if (value !== after) alreadyThere = false;
    }
    const groups = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const before =
      groups.length === 0
        ? "unknown"
        : groups.length === 1
          ? (groups[0]?.[0] ?? "unknown")
          : groups.map(([text, count]) => `${text} on ${count}`).join(" · ");
    return {
      key,
      label: configKeyLabel(key),
      before,
      after: formatConfigValue(key, after),
      changes: !alreadyThere,
    };
  });
}
