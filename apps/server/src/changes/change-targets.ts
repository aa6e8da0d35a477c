import {
  type ChangeTarget,
  type ObservedInstance,
  parseLabelSelector,
  selectInstances,
  type TargetInstance,
  targetInstanceOf,
} from "@fleetdeck/core";
import type { Clock, ObservedFleetSource } from "@fleetdeck/sources";
import { InvalidRequestError } from "../infra/errors.ts";
import type { SourceRegistry } from "../sources/source-registry.ts";

/** The instances a change is aimed at, as the source that runs the service knows them now. */
export interface ResolvedTarget {
  source: ObservedFleetSource;
  instances: ObservedInstance[];
  /** The rules' and the prediction's view: config, limits and latest GC sample. */
  targets: TargetInstance[];
}

/** Resolves a change's target against the fleet: which source, which instances, how they run now. */
export class ChangeTargets {
  constructor(
    private readonly sources: SourceRegistry,
    private readonly clock: Clock,
  ) {}

  async resolve(target: ChangeTarget): Promise<ResolvedTarget> {
    try {
      parseLabelSelector(target.selector);
    } catch (error) {
      throw new InvalidRequestError(`target.selector: ${(error as Error).message}`);
    }
    const { source, inventory } = await this.sources.sourceHolding(
      (i) => i.services.some((s) => s.id === target.serviceId),
      `service "${target.serviceId}"`,
    );
    const instances = selectInstances(inventory.instances, target);
    if (instances.length === 0) {
      throw new InvalidRequestError(
        `target: the selector "${target.selector}" matches none of service "${target.serviceId}"'s instances`,
      );
    }
    const samples = await this.sources.call(source, "GC snapshot", (s) =>
      s.gcSnapshot(
        this.clock.nowMs(),
        instances.map((i) => i.id),
      ),
    );
    const sampleOf = new Map(samples.map((sample) => [sample.instanceId, sample]));
    return {
      source,
      instances,
      targets: instances.map((instance) => targetInstanceOf(instance, sampleOf.get(instance.id) ?? null)),
    };
  }
}
