import type { ConfigActuator } from "@fleetdeck/sources";
import { InvalidRequestError } from "../infra/errors.ts";

/**
 * Which actuator changes the config of a source's instances: the demo fleet changes its own, a
 * Prometheus source's instances read theirs from the config centre its settings name.
 */
export class ConfigActuators {
  constructor(private readonly bySourceId: ReadonlyMap<string, ConfigActuator>) {}

  forSource(sourceId: string): ConfigActuator {
    const actuator = this.bySourceId.get(sourceId);
    if (!actuator) {
      throw new InvalidRequestError(
        `source "${sourceId}" has no config centre: Fleetdeck can read its instances but not change their config (give it a configCentre in the sources file)`,
      );
    }
    return actuator;
  }

  has(sourceId: string): boolean {
    return this.bySourceId.has(sourceId);
  }
}
