import { EventEmitter, on } from "node:events";
import type { PlacementSnapshot } from "@fleetdeck/core";

/** What the feed needs of the topology service. */
export interface TopologyFeedSource {
  placement(): Promise<PlacementSnapshot>;
  watchClusters(onChange: () => void): () => void;
}

/**
 * Live topology shared by every viewer: a placement snapshot each live interval, and sooner when a
 * cluster source reports a change (debounced, so a burst of watch events is one read). Nothing
 * runs while nobody watches.
 */
export class TopologyFeed {
  private readonly emitter = new EventEmitter();
  private subscribers = 0;
  private latest: PlacementSnapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private stopWatching: (() => void) | null = null;
  private reading = false;

  constructor(
    private readonly source: TopologyFeedSource,
    private readonly intervalMs: number,
    private readonly debounceMs = 250,
  ) {
    this.emitter.setMaxListeners(0);
  }

  /** Fires on every refresh: the current time at once, then each refresh until the signal aborts. */
  async *ticks(signal?: AbortSignal): AsyncGenerator<number> {
    for await (const _ of this.placements(signal)) yield Date.now();
  }

  /** The current placement at once, then each new one until the signal aborts. */
  async *placements(signal?: AbortSignal): AsyncGenerator<PlacementSnapshot> {
    this.retain();
    try {
      const updates = on(this.emitter, "placement", { signal });
      yield this.latest ?? (await this.source.placement());
      for await (const [snapshot] of updates) yield snapshot as PlacementSnapshot;
    } catch (error) {
      if (!signal?.aborted) throw error;
    } finally {
      this.release();
    }
  }

  private retain() {
    this.subscribers++;
    if (this.subscribers > 1) return;
    this.timer = setInterval(() => this.refresh(), this.intervalMs);
    this.stopWatching = this.source.watchClusters(() => {
      if (this.debounce) return;
      this.debounce = setTimeout(() => {
        this.debounce = null;
        this.refresh();
      }, this.debounceMs);
    });
  }

  private release() {
    this.subscribers--;
    if (this.subscribers > 0) return;
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.stopWatching?.();
    this.timer = this.debounce = this.stopWatching = null;
    this.latest = null;
  }

  private refresh() {
    if (this.reading) return;
    this.reading = true;
    this.source
      .placement()
      .then(
        (snapshot) => {
          this.latest = snapshot;
          this.emitter.emit("placement", snapshot);
        },
        // A failed read is skipped: the next interval tries again and viewers keep the last one.
        () => undefined,
      )
      .finally(() => {
        this.reading = false;
      });
  }

  /** Whether anyone watches: for tests. */
  active(): boolean {
    return this.subscribers > 0;
  }
}
