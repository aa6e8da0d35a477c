import type { ChangeState } from "./change-request.ts";
import type { PolicyContext } from "./policy-context.ts";
import type { PolicyViolation } from "./policy-violation.ts";

/** States in which a change holds its service's rollout slot: instances may be mid-change. */
export const activeRolloutStates: readonly ChangeState[] = ["rolling", "paused", "rolling_back"];

/** A rollout may not start inside a freeze window; at submit time the author is warned. */
export function freezeWindowRule({ settings, nowMs, moment }: PolicyContext): PolicyViolation[] {
  return settings.freezeWindows
    .filter((window) => window.startMs <= nowMs && nowMs < window.endMs)
    .map((window) => ({
      rule: "freeze-window",
      severity: moment === "start" ? "block" : "warn",
      message: `a freeze window is in force until ${new Date(window.endMs).toISOString()} (${window.reason}): ${
        moment === "start"
          ? "the rollout cannot start before then"
          : "the rollout will not be able to start before then"
      }`,
      instanceIds: [],
    }));
}

/**
 * One rollout per service at a time: two rollouts would change the same instances' GC at once,
 * and the gates could not tell which one moved the metrics.
 */
export function oneActiveRolloutRule({ content, otherChanges, moment }: PolicyContext): PolicyViolation[] {
  const active = otherChanges.filter((change) => activeRolloutStates.includes(change.state));
  if (active.length === 0) return [];
  const named = active.map((change) => `"${change.title}" (${change.id}, ${change.state.replace("_", " ")})`);
  return [
    {
      rule: "one-active-rollout",
      severity: moment === "start" ? "block" : "warn",
      message: `service ${content.target.serviceId} already has an active rollout: ${named.join(", ")}; ${
        moment === "start" ? "wait until it completes or is rolled back" : "this one can start once it is over"
      }`,
      instanceIds: [],
    },
  ];
}
