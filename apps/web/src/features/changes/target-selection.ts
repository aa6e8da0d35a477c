import { type ChangeTarget, parseLabelSelector, type SelectableInstance, selectInstances } from "@fleetdeck/core";

export type TargetSelection =
  /** The selector parses and picks these instances of the service. */
  | { kind: "selected"; instanceIds: string[]; regionIds: string[] }
  /** What is wrong with the selector, said at its field before anything is asked of the server. */
  | { kind: "invalid"; message: string }
  /** The selector parses; which instances it picks waits for the service's instances. */
  | { kind: "unknown" };

/**
 * What a target selects, checked in the browser with core's own parser and matcher, so a typo or
 * a selector that matches nothing is named at once and never sent for a prediction.
 */
export function selectTarget(target: ChangeTarget, instances: readonly SelectableInstance[] | null): TargetSelection {
  try {
    parseLabelSelector(target.selector);
  } catch (error) {
    return { kind: "invalid", message: (error as Error).message };
  }
  if (instances === null) return { kind: "unknown" };
  const selected = selectInstances(instances, target);
  if (selected.length === 0) {
    const total = instances.filter((i) => i.serviceId === target.serviceId).length;
    return {
      kind: "invalid",
      message: `matches none of the service's ${total} ${total === 1 ? "instance" : "instances"}`,
    };
  }
  return {
    kind: "selected",
    instanceIds: selected.map((i) => i.id),
    regionIds: [...new Set(selected.map((i) => i.regionId))].sort(),
  };
}
