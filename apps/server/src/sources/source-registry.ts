import type { ObservedGcSample, ObservedInstance, ObservedInventory } from "@fleetdeck/core";
import { type ObservedFleetSource, PrometheusSource } from "@fleetdeck/sources";
import { z } from "zod";
import { mergeInventories } from "../fleet/merge-inventories.ts";
import { NotFoundError, SourceUnavailableError } from "../infra/errors.ts";
import type { ServerMetrics } from "../infra/metrics.ts";

export const SourceStatus = z.object({
  sourceId: z.string(),
  kind: z.string(),
  ok: z.boolean(),
  /** What went wrong on the latest call, when it failed. */
  error: z.string().nullable(),
  lastOkAtMs: z.number().nullable(),
  lastErrorAtMs: z.number().nullable(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

/** How many inventory warnings a description lists; the count says how many there were. */
const maxListedWarnings = 20;

/** A source's status with what the settings page shows about it. */
export interface SourceDescription extends SourceStatus {
  /** Where the source is read from, without credentials; null for the embedded demo. */
  url: string | null;
  /** What the latest inventory could not place or identify (the first few). */
  warnings: string[];
  warningCount: number;
}

export class SourceTimeoutError extends Error {}

/**
 * Every call to a control plane goes through here: a short per-source timeout, and a status per
 * source that the UI shows as a banner naming the source and its last good time.
 */
export class SourceRegistry {
  private readonly statuses = new Map<string, SourceStatus>();
  private readonly inventoryWarnings = new Map<string, readonly string[]>();

  constructor(
    readonly sources: readonly ObservedFleetSource[],
    private readonly timeoutMs: number,
    private readonly metrics: ServerMetrics,
    private readonly wallClockMs: () => number = Date.now,
  ) {
    for (const source of sources) {
      this.statuses.set(source.id, {
        sourceId: source.id,
        kind: source.kind,
        ok: true,
        error: null,
        lastOkAtMs: null,
        lastErrorAtMs: null,
      });
    }
  }

  statusList(): SourceStatus[] {
    return [...this.statuses.values()].map((s) => ({ ...s }));
  }

  /** Every source's status, address and latest inventory warnings. */
  describeAll(): SourceDescription[] {
    return this.sources.map((source) => {
      const warnings = this.inventoryWarnings.get(source.id) ?? [];
      return {
        ...(this.statuses.get(source.id) as SourceStatus),
        url: source instanceof PrometheusSource ? source.url : null,
        warnings: warnings.slice(0, maxListedWarnings),
        warningCount: warnings.length,
      };
    });
  }

  /** Keeps the warnings of a source's latest inventory for describeAll. */
  noteInventory(sourceId: string, inventory: ObservedInventory) {
    this.inventoryWarnings.set(
      sourceId,
      (inventory.warnings ?? []).map((w) => w.message),
    );
  }

  /**
   * Every source's inventory, merged, and GC samples as of atMs: of all instances, or only of
   * those `only` selects. `answered` is false when no source answered at all.
   */
  async readFleet(atMs: number, only?: (instance: ObservedInstance) => boolean) {
    const answers = await this.gather("inventory and GC snapshot", async (source) => {
      // For every instance the snapshot does not depend on the inventory: ask for both at once,
      // so a metrics backend answers in one round trip's time instead of two.
      if (!only) {
        const [inventory, samples] = await Promise.all([source.inventory(), source.gcSnapshot(atMs)]);
        this.noteInventory(source.id, inventory);
        return { inventory, samples };
      }
      const inventory = await source.inventory();
      this.noteInventory(source.id, inventory);
      return {
        inventory,
        samples: await source.gcSnapshot(
          atMs,
          inventory.instances.filter(only).map((i) => i.id),
        ),
      };
    });
    const answered = answers.flatMap((a) => (a.value ? [a.value] : []));
    const samples = new Map<string, ObservedGcSample>();
    for (const answer of answered) for (const sample of answer.samples) samples.set(sample.instanceId, sample);
    return { inventory: mergeInventories(answered.map((a) => a.inventory)), samples, answered: answered.length > 0 };
  }

  /** Runs fn against one source with a timeout; records the outcome, rethrows failures. */
  async call<T>(
    source: ObservedFleetSource,
    what: string,
    fn: (source: ObservedFleetSource) => Promise<T>,
  ): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SourceTimeoutError(`${what} timed out after ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      const result = await Promise.race([fn(source), timeout]);
      this.record(source.id, null);
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.record(source.id, message);
      this.metrics.sourceErrors.inc({ source: source.id });
      throw new Error(`source "${source.id}": ${message}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Calls fn on every source; failures become per-source errors instead of failing the whole answer. */
  async gather<T>(what: string, fn: (source: ObservedFleetSource) => Promise<T>) {
    const settled = await Promise.allSettled(this.sources.map((source) => this.call(source, what, fn)));
    return settled.map((outcome, index) => ({
      source: this.sources[index] as ObservedFleetSource,
      value: outcome.status === "fulfilled" ? outcome.value : null,
      error: outcome.status === "rejected" ? String((outcome.reason as Error).message) : null,
    }));
  }

  /**
   * The first source whose inventory has what `has` looks for, with that inventory. When none
   * has it and some failed to answer, says which: the thing may be in one of those.
   */
  async sourceHolding(has: (inventory: ObservedInventory) => boolean, what: string) {
    const answers = await this.gather("inventory", (source) => source.inventory());
    for (const answer of answers) {
      if (answer.value && has(answer.value)) return { source: answer.source, inventory: answer.value };
    }
    const failed = answers.filter((a) => a.error !== null);
    if (failed.length > 0) {
      throw new SourceUnavailableError(
        `${what} not found in the sources that answered; ${failed.map((a) => `${a.source.id}: ${a.error}`).join("; ")}`,
      );
    }
    throw new NotFoundError(`no ${what}`);
  }

  private record(sourceId: string, error: string | null) {
    const status = this.statuses.get(sourceId);
    if (!status) return;
    const now = this.wallClockMs();
    status.ok = error === null;
    status.error = error;
    if (error === null) status.lastOkAtMs = now;
    else status.lastErrorAtMs = now;
  }
}
