import { describe, expect, it } from "vitest";
import type { OverviewAnswer } from "./fleet-service.ts";
import { OverviewFeed, type OverviewSource } from "./overview-feed.ts";

/** Counts computations; each answer carries its sequence number in atMs. */
function countingSource() {
  const calls: (string | undefined)[] = [];
  const source: OverviewSource = {
    async overview(regionId) {
      calls.push(regionId);
      return { overview: { atMs: calls.length } as OverviewAnswer["overview"], sources: [] };
    },
  };
  return { source, calls };
}

async function take(stream: AsyncGenerator<OverviewAnswer>, count: number) {
  const seen: number[] = [];
  for await (const answer of stream) {
    seen.push(answer.overview?.atMs ?? -1);
    if (seen.length === count) break;
  }
  return seen;
}

describe("OverviewFeed", () => {
  it("shares one computation per interval between all viewers of the same scope", async () => {
    const { source, calls } = countingSource();
    const feed = new OverviewFeed(source, 20);
    const controller = new AbortController();
    const [a, b] = await Promise.all([
      take(feed.subscribe(undefined, controller.signal), 4),
      take(feed.subscribe(undefined, controller.signal), 4),
    ]);
    controller.abort();
    // Two first answers computed on subscribe, then ticks shared: far fewer than 8 computations.
    expect(calls.length).toBeLessThanOrEqual(6);
    expect(a.slice(-2)).toEqual(b.slice(-2));
    expect(a).toEqual([...a].sort((x, y) => x - y));
  });

  it("keeps regions apart and stops computing when the last viewer leaves", async () => {
    const { source, calls } = countingSource();
    const feed = new OverviewFeed(source, 10);
    await take(feed.subscribe("eu-west"), 2);
    expect(calls.every((regionId) => regionId === "eu-west")).toBe(true);
    expect(feed.openChannels()).toBe(0);
    const settled = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.length).toBe(settled);
  });

  it("ends the stream with the error when an update fails", async () => {
    let failing = false;
    const feed = new OverviewFeed(
      {
        async overview() {
          if (failing) throw new Error('no region with id "gone"');
          failing = true;
          return { overview: null, sources: [] };
        },
      },
      10,
    );
    const stream = feed.subscribe("gone");
    await expect(take(stream, 3)).rejects.toThrow('no region with id "gone"');
    expect(feed.openChannels()).toBe(0);
  });
});
