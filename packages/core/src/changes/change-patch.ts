import type { RuntimeConfig } from "../model/inventory.ts";
import type { ChangePatch, DesiredConfig } from "./change-request.ts";

/** The Go runtime settings after a patch: keys the patch leaves out keep their value. */
export function applyRuntimePatch(config: RuntimeConfig, patch: ChangePatch): RuntimeConfig {
  return {
    gogc: patch.gogc ?? config.gogc,
    memoryLimitBytes: patch.memoryLimitBytes !== undefined ? patch.memoryLimitBytes : config.memoryLimitBytes,
    gomaxprocs: patch.gomaxprocs ?? config.gomaxprocs,
  };
}

/**
 * What an instance is told to run after a patch. Custom keys merge into the ones already set, so
 * a change touching one key leaves the others alone; a null value deletes its key.
 */
export function applyDesiredPatch(config: DesiredConfig, patch: ChangePatch): DesiredConfig {
  const custom = { ...config.custom };
  for (const [key, value] of Object.entries(patch.custom ?? {})) {
    if (value === null) delete custom[key];
    else custom[key] = value;
  }
  return {
    ...applyRuntimePatch(config, patch),
    grayRatio: patch.grayRatio !== undefined ? patch.grayRatio : config.grayRatio,
    custom,
  };
}

/** Whether a patch touches the settings the GC model predicts (GOGC, GOMEMLIMIT, GOMAXPROCS). */
export function patchTouchesRuntime(patch: ChangePatch): boolean {
  return patch.gogc !== undefined || patch.memoryLimitBytes !== undefined || patch.gomaxprocs !== undefined;
}
