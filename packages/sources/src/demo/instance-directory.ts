import type { Inventory } from "@fleetdeck/core";
import type { DemoFaultTarget } from "./faults.ts";

/** Lists ids in an error message without printing ten thousand of them. */
function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 10).join(", ");
  return ids.length > 10 ? `${shown} and ${ids.length - 10} more` : shown;
}

/** Id → position lookups over a fixed inventory; every unknown id is an error that names it. */
export class InstanceDirectory {
  private readonly indexById = new Map<string, number>();
  private readonly indexesByService = new Map<string, number[]>();

  constructor(inventory: Inventory) {
    for (const service of inventory.services) this.indexesByService.set(service.id, []);
    inventory.instances.forEach((instance, index) => {
      this.indexById.set(instance.id, index);
      this.indexesByService.get(instance.serviceId)?.push(index);
    });
  }

  has(instanceId: string): boolean {
    return this.indexById.has(instanceId);
  }

  indexOf(instanceId: string): number {
    const index = this.indexById.get(instanceId);
    if (index === undefined) throw new Error(`unknown instance id "${instanceId}" in the demo fleet`);
    return index;
  }

  /** Resolves all ids or none: an error names every unknown one. */
  indexesOf(instanceIds: readonly string[]): number[] {
    const unknown = instanceIds.filter((id) => !this.indexById.has(id));
    if (unknown.length > 0) {
      throw new Error(`unknown instance ids in the demo fleet: ${listIds([...new Set(unknown)])}`);
    }
    return [...new Set(instanceIds.map((id) => this.indexById.get(id) as number))];
  }

  instancesOfService(serviceId: string): readonly number[] {
    const indexes = this.indexesByService.get(serviceId);
    if (!indexes) throw new Error(`unknown service id "${serviceId}" in the demo fleet`);
    return indexes;
  }

  /** A service, a list of instances, or the listed instances that belong to the service. */
  resolveTarget(target: DemoFaultTarget): number[] {
    const listed = target.instanceIds === undefined ? undefined : this.indexesOf(target.instanceIds);
    if (target.serviceId === undefined) return listed ?? [];
    const ofService = this.instancesOfService(target.serviceId);
    if (listed === undefined) return [...ofService];
    const members = new Set(ofService);
    const outside = listed.filter((index) => !members.has(index));
    if (outside.length > 0) {
      const ids = (target.instanceIds ?? []).filter((id) => outside.includes(this.indexById.get(id) ?? -1));
      throw new Error(`instances not in service "${target.serviceId}": ${listIds(ids)}`);
    }
    return listed;
  }
}
