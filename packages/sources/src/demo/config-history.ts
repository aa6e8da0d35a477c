import {
  applyDesiredPatch,
  applyRuntimePatch,
  ChangePatch,
  type DesiredConfig,
  EntityId,
  type RuntimeConfig,
} from "@fleetdeck/core";
import { z } from "zod";

/**
 * One applied patch: plain JSON, so the server can persist events and replay them on start. Besides
 * the runtime settings it may set the keys a config centre holds (gray ratio, custom keys), which
 * the simulation keeps but does not act on.
 */
export const DemoConfigEvent = z.object({
  atMs: z.number(),
  instanceIds: z.array(EntityId).min(1),
  patch: ChangePatch,
});
export type DemoConfigEvent = z.infer<typeof DemoConfigEvent>;

interface TimedPatch {
  atMs: number;
  patch: ChangePatch;
}

/**
 * The runtime config of every instance over time: the config at t is the generated one with every
 * patch at or before t applied in time order (ties in the order they were applied). Patches may
 * be applied for past or future instants; queries of any time see the same fold.
 */
export class ConfigHistory {
  private readonly applied: DemoConfigEvent[] = [];
  /** Per instance index, its patches sorted by time; undefined for the many never patched. */
  private readonly timelines: (TimedPatch[] | undefined)[];
  /** The last fold per instance, keyed by how many patches it covers: snapshots reuse it. */
  private readonly folded: ({ patchCount: number; config: RuntimeConfig } | undefined)[];

  constructor(private readonly baseConfigs: readonly RuntimeConfig[]) {
    this.timelines = new Array(baseConfigs.length);
    this.folded = new Array(baseConfigs.length);
  }

  /** Records an event for the given instance indexes (already resolved and validated by the caller). */
  apply(event: DemoConfigEvent, instanceIndexes: readonly number[]): void {
    const timed: TimedPatch = { atMs: event.atMs, patch: event.patch };
    for (const index of instanceIndexes) {
      const timeline = this.timelines[index] ?? [];
      this.timelines[index] = timeline;
      timeline.splice(insertionPoint(timeline, event.atMs), 0, timed);
      this.folded[index] = undefined;
    }
    this.applied.push(event);
  }

  events(): DemoConfigEvent[] {
    return this.applied.map((event) => ({ ...event, instanceIds: [...event.instanceIds], patch: { ...event.patch } }));
  }

  configAt(instanceIndex: number, tMs: number): RuntimeConfig {
    const base = this.baseConfigs[instanceIndex];
    if (!base) throw new Error(`no instance at index ${instanceIndex}`);
    const timeline = this.timelines[instanceIndex];
    if (!timeline) return base;
    const patchCount = insertionPoint(timeline, tMs);
    const cached = this.folded[instanceIndex];
    if (cached && cached.patchCount === patchCount) return cached.config;
    let config: RuntimeConfig = base;
    for (let i = 0; i < patchCount; i++) config = applyRuntimePatch(config, (timeline[i] as TimedPatch).patch);
    this.folded[instanceIndex] = { patchCount, config };
    return config;
  }

  /** The whole config in force at tMs, config-centre keys included (not cached: rarely asked). */
  desiredConfigAt(instanceIndex: number, tMs: number): DesiredConfig {
    const base = this.baseConfigs[instanceIndex];
    if (!base) throw new Error(`no instance at index ${instanceIndex}`);
    const timeline = this.timelines[instanceIndex] ?? [];
    let config: DesiredConfig = { ...base, grayRatio: null, custom: {} };
    for (let i = 0; i < insertionPoint(timeline, tMs); i++) {
      config = applyDesiredPatch(config, (timeline[i] as TimedPatch).patch);
    }
    return config;
  }
}

/** Index after the last entry at or before tMs: equal times keep their order of application. */
function insertionPoint(timeline: readonly TimedPatch[], tMs: number): number {
  let low = 0;
  let high = timeline.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((timeline[middle] as TimedPatch).atMs <= tMs) low = middle + 1;
    else high = middle;
  }
  return low;
}
