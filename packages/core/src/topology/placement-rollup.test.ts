import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlacementInstance } from "./placement.ts";
import {
  instancePasses,
  type PlacementFilter,
  type PlacementGroup,
  type PlacementTally,
  parseLabelMatch,
  rollupPlacement,
  worstInstances,
} from "./placement-rollup.ts";
import { arbitrarySnapshot, placed, smallSnapshot } from "./placement-test-fleet.ts";

const keysOf = (groups: PlacementGroup[]) => groups.map((g) => g.key);

function fleet() {
  return smallSnapshot([
    placed("checkout-1", { pauseP99Seconds: 0.002, gcCpuFraction: 0.1, memoryHeadroomRatio: 0.5 }),
    placed("checkout-2", {
      zoneId: "eu-west-b",
      nodeId: "eu-node-2",
      healthy: false,
      pauseP99Seconds: 0.02,
      gcCpuFraction: 0.3,
      memoryHeadroomRatio: 0.05,
    }),
    placed("search-1", {
      serviceId: "search",
      labels: { service: "search", tier: "batch" },
      up: false,
      healthy: false,
    }),
    placed("etcd-1", {
      serviceId: "etcd",
      regionId: "us-east",
      zoneId: "us-east-a",
      clusterId: "us-etcd",
      nodeId: "us-node-1",
      labels: { service: "etcd", role: "leader" },
      pauseP99Seconds: 0.001,
    }),
  ]);
}

describe("rollupPlacement", () => {
  it("nests regions → zones → clusters → nodes, a cluster under each zone it has nodes in", () => {
    const rollup = rollupPlacement(fleet());
    expect(keysOf(rollup.regions)).toEqual(["eu-west", "us-east"]);
    const [eu] = rollup.regions;
    expect(keysOf(eu?.children ?? [])).toEqual(["eu-west-a", "eu-west-b"]);
    expect(eu?.children.map((zone) => keysOf(zone.children))).toEqual([["eu-k8s@eu-west-a"], ["eu-k8s@eu-west-b"]]);
    const partB = eu?.children[1]?.children[0];
    expect(partB?.selectionKey).toBe("cluster:eu-k8s");
    expect(partB?.name).toBe("prod-eu-k8s");
    expect(partB?.clusterKind).toBe("kubernetes");
    // The node without instances is still a place on the map; the not-ready node says so.
    expect(partB?.children.map((node) => [node.id, node.ready, node.instances.length])).toEqual([
      ["eu-node-2", false, 1],
      ["eu-node-3", null, 0],
    ]);
  });

  it("counts and takes the worst figures at every level, and the whole cluster over its zones", () => {
    const rollup = rollupPlacement(fleet());
    const eu = rollup.tallies.get("region:eu-west");
    expect(eu).toEqual<PlacementTally>({
      instances: 3,
      up: 2,
      down: 1,
      unhealthy: 2,
      worstPauseP99Seconds: 0.02,
      worstGcCpuFraction: 0.3,
      worstHeadroomRatio: 0.05,
    });
    expect(rollup.tallies.get("cluster:eu-k8s")).toEqual(eu);
    const partA = rollup.regions[0]?.children[0]?.children[0];
    expect(partA?.tally).toMatchObject({ instances: 2, down: 1, worstPauseP99Seconds: 0.002 });
    expect(rollup.tallies.get("node:eu-node-3")).toMatchObject({ instances: 0, worstPauseP99Seconds: null });
    expect(rollup.tallies.get("region:us-east")).toMatchObject({
      instances: 1,
      unhealthy: 0,
      worstPauseP99Seconds: 0.001,
      worstGcCpuFraction: null,
      worstHeadroomRatio: null,
    });
    expect(rollup.total).toMatchObject({ instances: 4, up: 3, down: 1, unhealthy: 2 });
  });

  it("narrows to what the filter passes and drops places left empty", () => {
    const unhealthy = rollupPlacement(fleet(), { health: "unhealthy" });
    expect(unhealthy.instances.map((i) => i.id)).toEqual(["checkout-2", "search-1"]);
    expect(keysOf(unhealthy.regions)).toEqual(["eu-west"]);
    expect(unhealthy.tallies.has("node:eu-node-3")).toBe(false);
    expect(unhealthy.total).toMatchObject({ instances: 2, unhealthy: 2, worstPauseP99Seconds: 0.02 });

    expect(rollupPlacement(fleet(), { health: "down" }).instances.map((i) => i.id)).toEqual(["search-1"]);
    expect(rollupPlacement(fleet(), { serviceId: "etcd" }).instances.map((i) => i.id)).toEqual(["etcd-1"]);
    const leaders = rollupPlacement(fleet(), { label: { key: "role", value: "leader" } });
    expect(leaders.instances.map((i) => i.id)).toEqual(["etcd-1"]);
    expect(keysOf(leaders.regions)).toEqual(["us-east"]);
    expect(rollupPlacement(fleet(), { serviceId: "checkout", health: "unhealthy" }).total.instances).toBe(1);
  });

  it("places an instance whose node, cluster and zone no source described, by its own ids", () => {
    const snapshot = smallSnapshot([
      placed("vm-1", { regionId: "ap-south", zoneId: "ap-south-a", clusterId: "ap-vm", nodeId: "ap-host" }),
    ]);
    const rollup = rollupPlacement(snapshot);
    const ap = rollup.regions.find((r) => r.id === "ap-south");
    expect(ap?.name).toBe("ap-south");
    expect(ap?.children[0]?.children[0]?.children[0]).toMatchObject({ id: "ap-host", ready: null });
    expect(ap?.tally.instances).toBe(1);
  });

  it("keeps the snapshot's region order and sorts the places below by id", () => {
    const snapshot = fleet();
    snapshot.regions.reverse();
    snapshot.nodes.reverse();
    const rollup = rollupPlacement(snapshot);
    expect(keysOf(rollup.regions)).toEqual(["us-east", "eu-west"]);
    expect(keysOf(rollup.regions[1]?.children[1]?.children[0]?.children ?? [])).toEqual(["eu-node-2", "eu-node-3"]);
  });

  const arbitraryFilter: fc.Arbitrary<Partial<PlacementFilter>> = fc.record(
    {
      serviceId: fc.constantFrom("checkout", "search", "etcd"),
      label: fc.constantFrom({ key: "tier", value: "critical" }, { key: "tier", value: "batch" }),
      health: fc.constantFrom("all" as const, "unhealthy" as const, "down" as const),
    },
    { requiredKeys: [] },
  );

  it("property: counts add up at every level and every passing instance is placed exactly once", () => {
    fc.assert(
      fc.property(arbitrarySnapshot, arbitraryFilter, (snapshot, filterInput) => {
        const rollup = rollupPlacement(snapshot, filterInput);
        const filter = { health: "all" as const, ...filterInput };
        const expected = snapshot.instances.filter((i) => instancePasses(i, filter));
        expect(rollup.instances).toEqual(expected);

        const seen: string[] = [];
        const check = (group: PlacementGroup): PlacementInstance[] => {
          const below = group.level === "node" ? group.instances : group.children.flatMap((child) => check(child));
          if (group.level === "node") seen.push(...below.map((i) => i.id));
          expect(group.tally).toEqual(tallyOver(below));
          expect(group.tally.up + group.tally.down).toBe(group.tally.instances);
          expect(group.tally.unhealthy).toBeGreaterThanOrEqual(group.tally.down);
          // With a filter, no place is empty.
          if (filterInput.serviceId || filterInput.label || (filterInput.health ?? "all") !== "all")
            expect(group.tally.instances).toBeGreaterThan(0);
          return below;
        };
        const all = rollup.regions.flatMap(check);
        expect(rollup.total).toEqual(tallyOver(all));
        expect(seen.sort()).toEqual(expected.map((i) => i.id).sort());
        for (const [key, tally] of rollup.tallies) {
          const [level, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
          const field = { region: "regionId", zone: "zoneId", cluster: "clusterId", node: "nodeId" }[level] as
            | "regionId"
            | "zoneId"
            | "clusterId"
            | "nodeId";
          expect(tally).toEqual(tallyOver(expected.filter((i) => i[field] === id)));
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

/** The tally as its definition says, computed the slow way. */
function tallyOver(instances: PlacementInstance[]): PlacementTally {
  const values = (pick: (i: PlacementInstance) => number | null) =>
    instances.map(pick).filter((v): v is number => v !== null);
  const pauses = values((i) => i.pauseP99Seconds);
  const cpus = values((i) => i.gcCpuFraction);
  const headrooms = values((i) => i.memoryHeadroomRatio);
  return {
    instances: instances.length,
    up: instances.filter((i) => i.up).length,
    down: instances.filter((i) => !i.up).length,
    unhealthy: instances.filter((i) => !i.healthy).length,
    worstPauseP99Seconds: pauses.length ? Math.max(...pauses) : null,
    worstGcCpuFraction: cpus.length ? Math.max(...cpus) : null,
    worstHeadroomRatio: headrooms.length ? Math.min(...headrooms) : null,
  };
}

describe("parseLabelMatch", () => {
  it("reads key=value, trimming spaces, and refuses text without a key", () => {
    expect(parseLabelMatch("tier=critical")).toEqual({ key: "tier", value: "critical" });
    expect(parseLabelMatch(" go_version = go1.23.6 ")).toEqual({ key: "go_version", value: "go1.23.6" });
    expect(parseLabelMatch("app.kubernetes.io/name=etcd")).toEqual({ key: "app.kubernetes.io/name", value: "etcd" });
    expect(parseLabelMatch("tier=")).toEqual({ key: "tier", value: "" });
    expect(parseLabelMatch("critical")).toBeNull();
    expect(parseLabelMatch("=critical")).toBeNull();
    expect(parseLabelMatch(" =x")).toBeNull();
  });
});

describe("worstInstances", () => {
  const instances = [
    placed("a", { pauseP99Seconds: 0.004, gcCpuFraction: 0.5, memoryHeadroomRatio: 0.4 }),
    placed("b", { pauseP99Seconds: 0.03, gcCpuFraction: 0.1, memoryHeadroomRatio: 0.02, healthy: false }),
    placed("c", { up: false, healthy: false }),
    placed("d", {}),
    placed("e", { pauseP99Seconds: 0.01, gcCpuFraction: 0.2, memoryHeadroomRatio: 0.3 }),
  ];
  const ids = (list: PlacementInstance[]) => list.map((i) => i.id);

  it("ranks down first, then by the lens's figure, unmeasured last", () => {
    expect(ids(worstInstances(instances, "pauseP99", 10))).toEqual(["c", "b", "e", "a", "d"]);
    expect(ids(worstInstances(instances, "gcCpu", 3))).toEqual(["c", "a", "e"]);
    expect(ids(worstInstances(instances, "headroom", 4))).toEqual(["c", "b", "e", "a"]);
    expect(ids(worstInstances(instances, "up", 2))).toEqual(["c", "b"]);
    expect(worstInstances(instances, "up", 0)).toEqual([]);
  });

  it("property: the same as a stable sort of everything, cut to the first few", () => {
    const figureOf = {
      up: (i: PlacementInstance) => (i.healthy ? 0 : 1),
      pauseP99: (i: PlacementInstance) => i.pauseP99Seconds,
      gcCpu: (i: PlacementInstance) => i.gcCpuFraction,
      headroom: (i: PlacementInstance) => (i.memoryHeadroomRatio === null ? null : -i.memoryHeadroomRatio),
    };
    fc.assert(
      fc.property(arbitrarySnapshot, fc.integer({ min: 1, max: 8 }), (snapshot, limit) => {
        for (const lens of ["up", "pauseP99", "gcCpu", "headroom"] as const) {
          const score = (i: PlacementInstance) =>
            i.up ? (figureOf[lens](i) ?? Number.NEGATIVE_INFINITY) : Number.POSITIVE_INFINITY;
          const sorted = [...snapshot.instances].sort((a, b) => {
            const [x, y] = [score(a), score(b)];
            return x === y ? 0 : x > y ? -1 : 1;
          });
          expect(ids(worstInstances(snapshot.instances, lens, limit))).toEqual(ids(sorted.slice(0, limit)));
        }
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
