import type { RolloutStep } from "@fleetdeck/core";
import type { ServerConfig } from "../config/config.ts";

type AfterSideEffect = (step: RolloutStep, changeId: string) => Promise<void>;

/**
 * Test only: makes the process die by SIGKILL right after the rollout controller's N-th side
 * effect (a config written, gate metrics read) and before that step is recorded — the moment a
 * crash would hurt most. SIGKILL runs no handler and flushes nothing, as the OOM killer or a lost
 * node would. Undefined (no hook) unless FLEETDECK_TEST_KILL_AFTER_SIDE_EFFECTS is set.
 */
export function crashHookOf(
  config: Pick<ServerConfig, "FLEETDECK_TEST_KILL_AFTER_SIDE_EFFECTS">,
  kill: () => void = () => process.kill(process.pid, "SIGKILL"),
): AfterSideEffect | undefined {
  const killAfter = config.FLEETDECK_TEST_KILL_AFTER_SIDE_EFFECTS;
  if (killAfter === undefined) return undefined;
  let sideEffects = 0;
  return async () => {
    sideEffects++;
    if (sideEffects < killAfter) return;
    kill();
    // The signal is delivered before kill returns; should it not be, the step must still never be recorded.
    await new Promise<never>(() => {});
  };
}
