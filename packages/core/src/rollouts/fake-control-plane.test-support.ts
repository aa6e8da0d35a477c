import type { DesiredConfig } from "../changes/change-request.ts";
import type { InstanceConfigReading } from "./rollout-progress.ts";
import type { RolloutWrite } from "./rollout-step.ts";
import { sameDesiredConfig } from "./same-desired-config.ts";

export const config = (gogc: number, extra: Partial<DesiredConfig> = {}): DesiredConfig => ({
  gogc,
  memoryLimitBytes: null,
  gomaxprocs: 4,
  grayRatio: null,
  custom: {},
  ...extra,
});

/**
 * An in-memory control plane with the actuator contract's semantics: writes are compare-and-set
 * on the desired config for all instances of a call, a write of the config already desired is a
 * no-op, and instances report (observe) what they are told only when converge() says so. The
 * real actuators live in packages/sources; core cannot import them, so the tests use this stand-in.
 */
export class FakeControlPlane {
  readonly instances = new Map<string, InstanceConfigReading>();
  /** Instances that do not pick up a new desired config until unstuck. */
  readonly stuck = new Set<string>();
  writeCalls = 0;

  constructor(initial: Record<string, DesiredConfig | null>, observed?: Record<string, DesiredConfig | null>) {
    for (const [instanceId, desired] of Object.entries(initial)) {
      const reported = observed ? (observed[instanceId] ?? null) : desired;
      this.instances.set(instanceId, { instanceId, desired, observed: reported, observedAtMs: 0 });
    }
  }

  read(): InstanceConfigReading[] {
    return [...this.instances.values()].map((reading) => ({ ...reading }));
  }

  /** Returns the conflicting instance ids (and changes nothing) when a write's expectation is stale. */
  apply(writes: readonly RolloutWrite[]): string[] {
    this.writeCalls++;
    const conflicts = writes
      .filter((w) => {
        const held = this.instances.get(w.instanceId)?.desired ?? null;
        return !sameDesiredConfig(held, w.config) && !sameDesiredConfig(held, w.expected);
      })
      .map((w) => w.instanceId);
    if (conflicts.length > 0) return conflicts;
    for (const w of writes) {
      const reading = this.instances.get(w.instanceId)!;
      this.instances.set(w.instanceId, { ...reading, desired: w.config });
    }
    return [];
  }

  /** Instances that are not stuck report their desired config. */
  converge(nowMs: number): void {
    for (const [id, reading] of this.instances) {
      if (this.stuck.has(id) || reading.desired === null) continue;
      this.instances.set(id, { ...reading, observed: reading.desired, observedAtMs: nowMs });
    }
  }

  /** Someone else changes an instance's desired config. */
  changeUnderneath(instanceId: string, desired: DesiredConfig): void {
    const reading = this.instances.get(instanceId)!;
    this.instances.set(instanceId, { ...reading, desired });
  }

  desiredOf(instanceId: string): DesiredConfig | null {
    return this.instances.get(instanceId)?.desired ?? null;
  }
}
