import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RolloutPlan, type RolloutStage, type StageSize } from "../changes/change-request.ts";
import { planBatches, type RolloutTargetInstance, spreadAcrossClusters, stageTargetCount } from "./rollout-batches.ts";

/** `count` instances per cluster, named region/cluster/index. */
function fleet(shape: Record<string, Record<string, number>>): RolloutTargetInstance[] {
  return Object.entries(shape).flatMap(([regionId, clusters]) =>
    Object.entries(clusters).flatMap(([clusterId, count]) =>
      Array.from({ length: count }, (_, i) => ({
        id: `${clusterId}-${String(i).padStart(2, "0")}`,
        regionId,
        clusterId,
      })),
    ),
  );
}

const stage = (name: string, regionId: string | null, size: StageSize): RolloutStage => ({
  name,
  regionId,
  size,
  bakeSeconds: 60,
});

describe("stageTargetCount", () => {
  it("rounds percents up, to at least one instance, and caps counts at the scope", () => {
    expect(stageTargetCount({ kind: "percent", percent: 10 }, 25)).toBe(3);
    expect(stageTargetCount({ kind: "percent", percent: 10 }, 30)).toBe(3);
    expect(stageTargetCount({ kind: "percent", percent: 1 }, 5)).toBe(1);
    expect(stageTargetCount({ kind: "percent", percent: 100 }, 7)).toBe(7);
    expect(stageTargetCount({ kind: "instances", count: 10 }, 4)).toBe(4);
    expect(stageTargetCount({ kind: "percent", percent: 50 }, 0)).toBe(0);
  });
});

describe("spreadAcrossClusters", () => {
  it("takes one instance per cluster in turn, clusters and instances by id", () => {
    const instances = fleet({ eu: { b: 3, a: 2, c: 1 } });
    expect(spreadAcrossClusters(instances).map((i) => i.id)).toEqual(["a-00", "b-00", "c-00", "a-01", "b-01", "b-02"]);
  });
});

describe("planBatches", () => {
  const instances = fleet({ eu: { "eu-a": 5, "eu-b": 5 }, us: { "us-a": 4 } });
  const plan = {
    stages: [
      stage("canary", "eu", { kind: "instances", count: 1 }),
      stage("eu 20 %", "eu", { kind: "percent", percent: 20 }),
      stage("eu 50 %", "eu", { kind: "percent", percent: 50 }),
      stage("eu 100 %", "eu", { kind: "percent", percent: 100 }),
      stage("ap 100 %", "ap", { kind: "percent", percent: 100 }),
      stage("us 50 %", "us", { kind: "percent", percent: 50 }),
      stage("all", null, { kind: "percent", percent: 100 }),
    ],
  };

  it("expands cumulative sizes into the new instances of each stage, spread over clusters", () => {
    const batches = planBatches(plan, instances);
    expect(batches.map((b) => b.instanceIds)).toEqual([
      ["eu-a-00"],
      ["eu-b-00"],
      ["eu-a-01", "eu-b-01", "eu-a-02"],
      ["eu-b-02", "eu-a-03", "eu-b-03", "eu-a-04", "eu-b-04"],
      [],
      ["us-a-00", "us-a-01"],
      ["us-a-02", "us-a-03"],
    ]);
    expect(batches.map((b) => b.cumulativeCount)).toEqual([1, 2, 5, 10, 10, 12, 14]);
    expect(batches.map((b) => [b.scopeChangedCount, b.scopeCount])).toEqual([
      [1, 10],
      [2, 10],
      [5, 10],
      [10, 10],
      [0, 0],
      [2, 4],
      [14, 14],
    ]);
  });

  it("keeps a stage whose region has no target instances, with a note saying so", () => {
    const empty = planBatches(plan, instances)[4]!;
    expect(empty).toMatchObject({ name: "ap 100 %", regionId: "ap", instanceIds: [], scopeCount: 0 });
    expect(empty.note).toBe("no target instances in region ap");
  });

  it("notes a stage that earlier stages already brought to its size", () => {
    const batches = planBatches(
      {
        stages: [
          stage("canary", "eu", { kind: "instances", count: 1 }),
          stage("5 %", "eu", { kind: "percent", percent: 5 }),
        ],
      },
      instances,
    );
    expect(batches[1]!.instanceIds).toEqual([]);
    expect(batches[1]!.note).toContain("already changed 1");
  });

  it("refuses an instance listed twice", () => {
    expect(() => planBatches(plan, [...instances, instances[0]!])).toThrow("instance eu-a-00 is listed twice");
  });

  const regionIds = ["r1", "r2", "r3"];
  const arbitraryInstances = fc
    .uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-z0-9]{1,6}$/),
        regionId: fc.constantFrom(...regionIds),
        clusterId: fc.constantFrom("c1", "c2", "c3", "c4"),
      }),
      { selector: (i) => i.id, maxLength: 60 },
    )
    .map((list) => list.map((i) => ({ ...i, clusterId: `${i.regionId}-${i.clusterId}` })));
  const arbitrarySize: fc.Arbitrary<StageSize> = fc.oneof(
    fc.record({ kind: fc.constant("instances" as const), count: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant("percent" as const), percent: fc.double({ min: 0.5, max: 100, noNaN: true }) }),
  );
  const arbitraryStages = fc.array(
    fc.record({
      name: fc.constant("stage"),
      regionId: fc.option(fc.constantFrom(...regionIds, "empty-region"), { nil: null }),
      size: arbitrarySize,
      bakeSeconds: fc.integer({ min: 0, max: 600 }),
    }),
    { minLength: 1, maxLength: 6 },
  );

  it("never changes an instance twice, stays in scope, and never shrinks", () => {
    fc.assert(
      fc.property(arbitraryStages, arbitraryInstances, (stages, targets) => {
        RolloutPlan.parse({ stages, gates: [], convergenceTimeoutSeconds: 60 });
        const batches = planBatches({ stages }, targets);
        const all = batches.flatMap((b) => b.instanceIds);
        expect(new Set(all).size).toBe(all.length);
        let previous = 0;
        batches.forEach((batch, index) => {
          const regionId = stages[index]!.regionId;
          for (const id of batch.instanceIds) {
            const instance = targets.find((t) => t.id === id)!;
            if (regionId !== null) expect(instance.regionId).toBe(regionId);
          }
          expect(batch.cumulativeCount).toBeGreaterThanOrEqual(previous);
          expect(batch.cumulativeCount).toBe(batches.slice(0, index + 1).flatMap((b) => b.instanceIds).length);
          expect(batch.scopeChangedCount).toBeGreaterThanOrEqual(
            Math.min(batch.scopeCount, stageTargetCount(stages[index]!.size, batch.scopeCount)),
          );
          previous = batch.cumulativeCount;
        });
      }),
      { seed: 6_2026, numRuns: 300 },
    );
  });

  it("changes every target instance by a last stage of 100 % over the whole target", () => {
    fc.assert(
      fc.property(arbitraryStages, arbitraryInstances, (stages, targets) => {
        const all = [...stages, stage("all", null, { kind: "percent", percent: 100 })];
        const changed = planBatches({ stages: all }, targets).flatMap((b) => b.instanceIds);
        expect([...changed].sort()).toEqual(targets.map((t) => t.id).sort());
      }),
      { seed: 6_2027, numRuns: 200 },
    );
  });

  it("spreads a stage over as many clusters of its scope as its size allows", () => {
    fc.assert(
      fc.property(arbitraryInstances, fc.integer({ min: 1, max: 60 }), (targets, count) => {
        const [batch] = planBatches({ stages: [stage("s", null, { kind: "instances", count })] }, targets);
        const clusters = new Set(targets.map((t) => t.clusterId));
        const touched = new Set(batch!.instanceIds.map((id) => targets.find((t) => t.id === id)!.clusterId));
        expect(touched.size).toBe(Math.min(clusters.size, batch!.instanceIds.length));
      }),
      { seed: 6_2028, numRuns: 200 },
    );
  });
});
