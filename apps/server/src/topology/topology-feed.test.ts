import type { PlacementSnapshot } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { TopologyFeed, type TopologyFeedSource } from "./topology-feed.ts";

/** A topology whose reads count up, and whose cluster watch the test can fire. */
function countingTopology() {
  let reads = 0;
  let fire: (() => void) | null = null;
  let watching = 0;
  const source: TopologyFeedSource = {
    placement: async () => {
      reads++;
      return {
        atMs: reads,
        regions: [],
        zones: [],
        clusters: [],
        nodes: [],
        services: [],
        instances: [],
        sourceErrors: [],
      } satisfies PlacementSnapshot;
    },
    watchClusters: (onChange) => {
      watching++;
      fire = onChange;
      return () => {
        watching--;
        fire = null;
      };
    },
  };
  return { source, fire: () => fire?.(), reads: () => reads, watching: () => watching };
}

describe("TopologyFeed", () => {
  it("pushes a new placement soon after a cluster source reports a change, long before the interval", async () => {
    const topology = countingTopology();
    const feed = new TopologyFeed(topology.source, 60_000, 10);
    const controller = new AbortController();
    const seen: number[] = [];
    for await (const snapshot of feed.placements(controller.signal)) {
      seen.push(snapshot.atMs);
      if (seen.length === 1) {
        // A burst of watch events is one read.
        topology.fire();
        topology.fire();
        topology.fire();
      } else break;
    }
    controller.abort();
    expect(seen).toEqual([1, 2]);
    expect(topology.reads()).toBe(2);
  });

  it("stops its timer and its cluster watch when the last viewer leaves", async () => {
    const topology = countingTopology();
    const feed = new TopologyFeed(topology.source, 20, 10);
    const controller = new AbortController();
    for await (const snapshot of feed.placements(controller.signal)) {
      expect(topology.watching()).toBe(1);
      if (snapshot.atMs >= 2) break;
    }
    expect(feed.active()).toBe(false);
    expect(topology.watching()).toBe(0);
    const readsAfterLeaving = topology.reads();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(topology.reads()).toBe(readsAfterLeaving);
  });
});
