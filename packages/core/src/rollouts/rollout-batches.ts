import type { RolloutPlan, StageSize } from "../changes/change-request.ts";
import type { Instance } from "../model/inventory.ts";
import { compareIds } from "./id-order.ts";

/** A target instance as far as staging cares: where it runs. */
export type RolloutTargetInstance = Pick<Instance, "id" | "regionId" | "clusterId">;

/** One stage of a plan, resolved against the target instances when the rollout starts. */
export interface RolloutBatch {
  stageIndex: number;
  name: string;
  /** The stage's scope: one region, or the whole target when null. */
  regionId: string | null;
  bakeSeconds: number;
  /** The instances this stage brings to the new config; earlier stages' instances are not repeated. */
  instanceIds: string[];
  /** Target instances running the new config once this stage is applied, over the whole target. */
  cumulativeCount: number;
  /** Target instances in the stage's scope. */
  scopeCount: number;
  /** Of those, how many run the new config once this stage is applied. */
  scopeChangedCount: number;
  /** Why a stage changes nothing (empty scope, or earlier stages already reached its size). */
  note: string | null;
}

/**
 * Expands a plan's cumulative stage sizes into the instances each stage changes. Within a scope
 * instances are taken in spread order (see spreadAcrossClusters), so the first stage's first
 * instance is the canary and a 10 % stage touches as many clusters as it can. Percent sizes round
 * up and are at least one instance when the scope has any.
 */
export function planBatches(
  plan: Pick<RolloutPlan, "stages">,
  instances: readonly RolloutTargetInstance[],
): RolloutBatch[] {
  const seen = new Set<string>();
  for (const { id } of instances) {
    if (seen.has(id)) throw new Error(`planBatches: instance ${id} is listed twice`);
    seen.add(id);
  }

  const changed = new Set<string>();
  return plan.stages.map((stage, stageIndex) => {
    const scope = spreadAcrossClusters(
      stage.regionId === null ? instances : instances.filter((i) => i.regionId === stage.regionId),
    );
    const wanted = stageTargetCount(stage.size, scope.length);
    const alreadyChanged = scope.filter((i) => changed.has(i.id)).length;
    const instanceIds: string[] = [];
    for (const instance of scope) {
      if (alreadyChanged + instanceIds.length >= wanted) break;
      if (!changed.has(instance.id)) instanceIds.push(instance.id);
    }
    for (const id of instanceIds) changed.add(id);
    return {
      stageIndex,
      name: stage.name,
      regionId: stage.regionId,
      bakeSeconds: stage.bakeSeconds,
      instanceIds,
      cumulativeCount: changed.size,
      scopeCount: scope.length,
      scopeChangedCount: alreadyChanged + instanceIds.length,
      note: batchNote(stage.regionId, scope.length, alreadyChanged, wanted),
    };
  });
}

/** How many instances of a scope of `scopeCount` run the new config once a stage of this size is applied. */
export function stageTargetCount(size: StageSize, scopeCount: number): number {
  if (scopeCount === 0) return 0;
  if (size.kind === "instances") return Math.min(size.count, scopeCount);
  // The epsilon keeps float noise (e.g. 0.1 * 30 = 3.0000000000000004) from rounding up a whole instance.
  const exact = (size.percent * scopeCount) / 100;
  return Math.min(scopeCount, Math.max(1, Math.ceil(exact - 1e-9)));
}

/**
 * Orders instances round-robin over their clusters (clusters by id, then instances by id within
 * each), so any prefix of the order spreads over as many clusters as its length allows.
 */
export function spreadAcrossClusters<T extends RolloutTargetInstance>(instances: readonly T[]): T[] {
  const byCluster = new Map<string, T[]>();
  for (const instance of [...instances].sort((a, b) => compareIds(a.id, b.id))) {
    const members = byCluster.get(instance.clusterId) ?? [];
    members.push(instance);
    byCluster.set(instance.clusterId, members);
  }
  const clusters = [...byCluster.entries()].sort(([a], [b]) => compareIds(a, b)).map(([, members]) => members);
  const ordered: T[] = [];
  for (let round = 0; ordered.length < instances.length; round++) {
    for (const members of clusters) {
      const member = members[round];
      if (member) ordered.push(member);
    }
  }
  return ordered;
}

function batchNote(regionId: string | null, scopeCount: number, alreadyChanged: number, wanted: number): string | null {
  if (scopeCount === 0) {
    return regionId === null ? "the target has no instances" : `no target instances in region ${regionId}`;
  }
  if (alreadyChanged >= wanted) {
    return `earlier stages already changed ${alreadyChanged} of the scope's instances; this stage asks for ${wanted}`;
  }
  return null;
}
