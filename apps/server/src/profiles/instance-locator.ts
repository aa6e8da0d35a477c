import type { ObservedInstance } from "@fleetdeck/core";
import type { ObservedFleetSource } from "@fleetdeck/sources";
import { SourceUnavailableError } from "../infra/errors.ts";
import type { SourceRegistry } from "../sources/source-registry.ts";

export interface LocatedInstance {
  source: ObservedFleetSource;
  instance: ObservedInstance;
}

/**
 * Which source serves an instance, and what it knows about it: the first source whose inventory
 * lists it, as in the merged fleet. Null when no source that answered knows the id.
 */
export async function locateInstance(registry: SourceRegistry, instanceId: string): Promise<LocatedInstance | null> {
  const answers = await registry.gather("inventory", async (source) => {
    const inventory = await source.inventory();
    registry.noteInventory(source.id, inventory);
    return inventory;
  });
  for (const { source, value } of answers) {
    const instance = value?.instances.find((candidate) => candidate.id === instanceId);
    if (instance) return { source, instance };
  }
  if (answers.every((answer) => answer.value === null)) {
    const reasons = answers.map((answer) => answer.error).join("; ");
    throw new SourceUnavailableError(`cannot look up instance "${instanceId}": no source answered (${reasons})`);
  }
  return null;
}

/** What a stored profile records about where its instance ran. */
export function instanceLabelsOf({ source, instance }: LocatedInstance): Record<string, string> {
  const labels: Record<string, string> = {
    source: source.id,
    region: instance.regionId,
    zone: instance.zoneId,
    cluster: instance.clusterId,
    node: instance.nodeId,
    service: instance.serviceId,
  };
  if (instance.goVersion !== null) labels.goVersion = instance.goVersion;
  return labels;
}
