import type { Cluster, Region } from "@fleetdeck/core";
import type { Topology } from "./generate-topology.ts";
import { type Random, randomFor } from "./random.ts";
import type { ServiceTemplate } from "./service-catalog.ts";

/** One service deployed in one cluster, with its instance count. */
export interface Placement {
  serviceIndex: number;
  template: ServiceTemplate;
  cluster: Cluster;
  regionIndex: number;
  instanceCount: number;
}

export type InstanceCounts =
  | { mode: "per-cluster"; min: number; max: number }
  | { mode: "total"; targetInstances: number };

/** Below this size a fleet has no room for fixed-size consensus groups: every placement is weighted. */
const minTargetForFixedMembers = 300;

/**
 * Decides where each service runs and with how many instances. Critical services run in every
 * region, standard ones in most, batch in one or two; data stores follow their cluster kind.
 * With a target total, instances are split over placements by weight so the total is exact.
 */
export function placeServices(
  seed: number,
  services: readonly ServiceTemplate[],
  topology: Topology,
  counts: InstanceCounts,
): Placement[] {
  const placements = services.flatMap((template, serviceIndex) => {
    const random = randomFor(seed, "placement", template.id);
    return clustersFor(template, topology, random).map(({ cluster, regionIndex }) => ({
      serviceIndex,
      template,
      cluster,
      regionIndex,
      instanceCount: fixedMembers(template, random) ?? 0,
    }));
  });
  if (counts.mode === "per-cluster") {
    for (const placement of placements) {
      if (placement.template.membersPerCluster) continue;
      const random = randomFor(seed, "instance-count", placement.template.id, placement.cluster.id);
      placement.instanceCount = random.int(counts.min, counts.max);
    }
    return placements;
  }
  splitTotal(seed, placements, counts.targetInstances);
  return placements.filter((placement) => placement.instanceCount > 0);
}

function fixedMembers(template: ServiceTemplate, random: Random): number | null {
  return template.membersPerCluster ? random.pick(template.membersPerCluster) : null;
}

function clustersFor(template: ServiceTemplate, topology: Topology, random: Random) {
  const regions = regionsFor(template, topology.regions, random);
  const chosen: { cluster: Cluster; regionIndex: number }[] = [];
  for (const regionIndex of regions) {
    const regionId = topology.regions[regionIndex]?.id;
    const local = topology.clusters.filter((cluster) => cluster.regionId === regionId);
    const [primaryKind, ...otherKinds] = template.clusterKinds.filter((kind) => local.some((c) => c.kind === kind));
    // A region without a cluster of the store's kind runs it under an operator on Kubernetes.
    const kind = primaryKind ?? (template.layer === "data" ? "kubernetes" : undefined);
    for (const cluster of local) {
      // Applications also run on the region's VMs now and then: the estate is mid-migration.
      if (cluster.kind === kind || (otherKinds.includes(cluster.kind) && random.chance(0.5))) {
        chosen.push({ cluster, regionIndex });
      }
    }
  }
  return chosen;
}

function regionsFor(template: ServiceTemplate, regions: readonly Region[], random: Random): number[] {
  const all = regions.map((_, index) => index);
  if (template.layer === "edge" || template.layer === "data" || template.tier === "critical") return all;
  if (template.layer === "batch")
    return random.shuffled(all).slice(0, regions.length >= 4 && random.chance(0.3) ? 2 : 1);
  if (regions.length <= 2 || random.chance(0.6)) return all;
  return random
    .shuffled(all)
    .slice(0, regions.length - 1)
    .sort((a, b) => a - b);
}

const tierWeight = { critical: 1.6, standard: 1, batch: 0.5 } as const;

/** Largest-remainder split of the target over placements: exact total, deterministic ties. */
function splitTotal(seed: number, placements: Placement[], targetInstances: number) {
  const fixed = targetInstances >= minTargetForFixedMembers ? placements.filter((p) => p.instanceCount > 0) : [];
  const flexible = placements.filter((p) => !fixed.includes(p));
  const fixedTotal = fixed.reduce((sum, p) => sum + p.instanceCount, 0);
  const remaining = Math.max(0, targetInstances - fixedTotal);
  const weights = flexible.map((placement) => {
    const random = randomFor(seed, "instance-weight", placement.template.id, placement.cluster.id);
    return tierWeight[placement.template.tier] * random.between(0.6, 1.4);
  });
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const quotas = weights.map((weight) => (weight / totalWeight) * remaining);
  flexible.forEach((placement, index) => {
    placement.instanceCount = Math.floor(quotas[index] ?? 0);
  });
  let leftover = remaining - flexible.reduce((sum, p) => sum + p.instanceCount, 0);
  const byRemainder = flexible
    .map((placement, index) => ({ placement, remainder: (quotas[index] ?? 0) - placement.instanceCount, index }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { placement } of byRemainder) {
    if (leftover <= 0) break;
    placement.instanceCount += 1;
    leftover -= 1;
  }
}
