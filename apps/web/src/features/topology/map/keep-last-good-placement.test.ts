import { describe, expect, it } from "vitest";
import { carriedOverCounts, keepLastGoodPlacement } from "./keep-last-good-placement.ts";
import { testPlacement } from "./test-placement.ts";

describe("keepLastGoodPlacement", () => {
  const good = testPlacement({ regions: 2 });
  const etcdInstance = {
    ...good.instances[0],
    id: "etcd-1",
    sourceId: "etcd",
    nodeId: "etcd-host",
  } as (typeof good.instances)[number];
  const previous = {
    ...good,
    nodes: [...good.nodes, { id: "etcd-host", name: "etcd-host", clusterId: "r0-k8s", zoneId: "r0-z0", ready: true }],
    instances: [...good.instances, etcdInstance],
  };

  it("passes a snapshot without errors through", () => {
    expect(keepLastGoodPlacement(previous, good)).toBe(good);
    expect(keepLastGoodPlacement(undefined, good)).toBe(good);
  });

  it("keeps a failing source's last known instances and the places they name", () => {
    const failed = { ...good, atMs: 9, sourceErrors: [{ sourceId: "etcd", message: "connection refused" }] };
    const kept = keepLastGoodPlacement(previous, failed);
    expect(kept.atMs).toBe(9);
    expect(kept.instances.map((i) => i.id)).toContain("etcd-1");
    expect(kept.nodes.map((n) => n.id)).toContain("etcd-host");
    expect(kept.instances).toHaveLength(good.instances.length + 1);
    expect(carriedOverCounts(kept)).toEqual(new Map([["etcd", 1]]));
    expect(carriedOverCounts(good)).toEqual(new Map());
  });

  it("adds nothing when the failing source had nothing before", () => {
    const failed = { ...good, sourceErrors: [{ sourceId: "kubernetes", message: "410" }] };
    expect(keepLastGoodPlacement(previous, failed)).toBe(failed);
  });
});
