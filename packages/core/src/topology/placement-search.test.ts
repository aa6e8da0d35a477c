import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { searchPlacement } from "./placement-search.ts";
import { arbitrarySnapshot, placed, smallSnapshot } from "./placement-test-fleet.ts";

function fleet() {
  return smallSnapshot([
    placed("checkout-eu-1"),
    placed("checkout-eu-2", { healthy: false }),
    placed("search-eu-1", { serviceId: "search", labels: { service: "search", tier: "batch" } }),
    placed("etcd-us-1", {
      serviceId: "etcd",
      regionId: "us-east",
      zoneId: "us-east-a",
      clusterId: "us-etcd",
      nodeId: "us-node-1",
      labels: { service: "etcd", role: "leader", "app.kubernetes.io/name": "etcd" },
    }),
  ]);
}

const keys = (query: string, limit?: number) =>
  searchPlacement(fleet(), query, limit).matches.map((m) => m.selectionKey);

describe("searchPlacement", () => {
  it("finds an instance by its id, and says what matched", () => {
    const { matches, total } = searchPlacement(fleet(), "search-eu-1");
    expect(total).toBe(1);
    expect(matches).toEqual([
      {
        kind: "instance",
        id: "search-eu-1",
        name: "search-eu-1",
        selectionKey: "instance:search-eu-1",
        matchedOn: "id",
      },
    ]);
  });

  it("finds places by id or name, ignoring case", () => {
    expect(keys("EU West")).toEqual(["region:eu-west"]);
    expect(keys("prod-eu-k8s")).toEqual(["cluster:eu-k8s"]);
    expect(keys("us-node-1")).toEqual(["node:us-node-1"]);
    expect(searchPlacement(fleet(), "eu west").matches[0]?.matchedOn).toBe("name");
  });

  it("finds a service's instances, unhealthy first, so the map flies to the worst", () => {
    expect(keys("Checkout")).toEqual(["instance:checkout-eu-2", "instance:checkout-eu-1"]);
    expect(searchPlacement(fleet(), "checkout").matches[1]?.matchedOn).toBe("service checkout");
  });

  it("ranks whole matches before prefixes before matches inside, and places before instances", () => {
    // "us-east" is a region (whole) and a zone's prefix; "etcd" is a service (whole) and a cluster's inside.
    expect(keys("us-east")).toEqual(["region:us-east", "zone:us-east-a"]);
    expect(keys("etcd")).toEqual(["instance:etcd-us-1", "cluster:us-etcd"]);
    expect(keys("eu-")[0]).toBe("region:eu-west");
  });

  it("finds instances by a label's value, or by key=value", () => {
    expect(keys("leader")).toEqual(["instance:etcd-us-1"]);
    expect(searchPlacement(fleet(), "leader").matches[0]?.matchedOn).toBe("label role=leader");
    expect(keys("tier=batch")).toEqual(["instance:search-eu-1"]);
    expect(keys("tier=")).toEqual(["instance:search-eu-1"]);
    expect(keys("app.kubernetes.io/name=etcd")).toEqual(["instance:etcd-us-1"]);
    expect(keys("tier=critical")).toEqual([]);
  });

  it("answers nothing for a blank query and keeps only the best few, counting all", () => {
    expect(searchPlacement(fleet(), "   ")).toEqual({ matches: [], total: 0 });
    const result = searchPlacement(fleet(), "e", 2);
    expect(result.matches).toHaveLength(2);
    expect(result.total).toBeGreaterThan(2);
  });

  it("property: the kept matches are the first of all matches, in rank order", () => {
    fc.assert(
      fc.property(
        arbitrarySnapshot,
        fc.constantFrom("i-1", "eu", "checkout", "batch", "tier=critical", "node", "a"),
        fc.integer({ min: 1, max: 5 }),
        (snapshot, query, limit) => {
          const all = searchPlacement(snapshot, query, 10_000);
          const few = searchPlacement(snapshot, query, limit);
          expect(few.total).toBe(all.total);
          expect(all.matches).toHaveLength(all.total);
          expect(few.matches).toEqual(all.matches.slice(0, limit));
        },
      ),
      { seed: 5, numRuns: 150 },
    );
  });
});
