import { EventEmitter, on } from "node:events";
import type { OverviewAnswer } from "./fleet-service.ts";

/** What the feed needs of the fleet: one overview, fleet-wide or for a region. */
export interface OverviewSource {
  overview(regionId?: string): Promise<OverviewAnswer>;
}

interface Channel {
  emitter: EventEmitter;
  subscribers: number;
  latest: OverviewAnswer | null;
  timer: NodeJS.Timeout;
}

/**
 * Live overviews shared by every viewer: one computation per region (or fleet-wide) per interval,
 * however many browsers watch, and none while nobody does.
 */
export class OverviewFeed {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly source: OverviewSource,
    private readonly intervalMs: number,
  ) {}

  /** The current overview at once, then each new one until the signal aborts. */
  async *subscribe(regionId: string | undefined, signal?: AbortSignal): AsyncGenerator<OverviewAnswer> {
    const key = regionId ?? "";
    const channel = this.channels.get(key) ?? this.open(key, regionId);
    channel.subscribers++;
    try {
      // Listen before reading the latest, so no update falls between the two.
      const updates = on(channel.emitter, "overview", { signal });
      yield channel.latest ?? (await this.source.overview(regionId));
      for await (const [answer] of updates) yield answer as OverviewAnswer;
    } catch (error) {
      if (!signal?.aborted) throw error;
    } finally {
      channel.subscribers--;
      if (channel.subscribers === 0) this.close(key, channel);
    }
  }

  private open(key: string, regionId: string | undefined): Channel {
    const channel: Channel = {
      emitter: new EventEmitter(),
      subscribers: 0,
      latest: null,
      timer: setInterval(() => {
        this.source.overview(regionId).then(
          (answer) => {
            channel.latest = answer;
            channel.emitter.emit("overview", answer);
          },
          // An "error" event ends every subscriber's stream with it (e.g. the region is gone).
          (error: unknown) => channel.emitter.emit("error", error),
        );
      }, this.intervalMs),
    };
    channel.emitter.setMaxListeners(0);
    this.channels.set(key, channel);
    return channel;
  }

  private close(key: string, channel: Channel) {
    clearInterval(channel.timer);
    this.channels.delete(key);
  }

  /** Channels with at least one subscriber: for tests and the server's own metrics. */
  openChannels(): number {
    return this.channels.size;
  }
}
