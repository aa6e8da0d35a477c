import type { Inventory } from "@fleetdeck/core";
import { z } from "zod";
import { buildInstances } from "./build-instances.ts";
import { chooseServices, maxDemoServices, serviceCountForTarget } from "./choose-services.ts";
import { generateTopology } from "./generate-topology.ts";
import type { GeneratedDemoFleet } from "./generated-fleet.ts";
import { type InstanceCounts, type Placement, placeServices } from "./place-services.ts";
import { randomFor } from "./random.ts";
import { regionCatalog } from "./region-catalog.ts";
import { buildServiceCalls } from "./service-graph.ts";

export const maxDemoInstances = 10_000;

/**
 * The shape of a demo fleet. Either explicit (services, instances per cluster a service runs in)
 * or a target total that sets both; regions and clusters per region apply to either.
 */
export const DemoFleetShape = z
  .object({
    seed: z.number().int().min(0).max(0xffffffff),
    regions: z.number().int().min(1).max(regionCatalog.length).default(3),
    clustersPerRegion: z.number().int().min(1).max(6).default(2),
    services: z.number().int().min(1).max(maxDemoServices).optional(),
    instancesPerService: z
      .tuple([z.number().int().min(1).max(500), z.number().int().min(1).max(500)])
      .refine(([min, max]) => min <= max, "instancesPerService is [min, max] with min ≤ max")
      .optional(),
    targetInstances: z.number().int().min(1).max(maxDemoInstances).optional(),
  })
  .refine(
    (shape) => shape.targetInstances === undefined || (shape.services === undefined && !shape.instancesPerService),
    "targetInstances sets the services and instances per service itself: give one or the other",
  );
export type DemoFleetShape = z.input<typeof DemoFleetShape>;

const defaultServiceCount = 12;
const defaultInstancesPerCluster: readonly [number, number] = [3, 8];
/** A few deployments forget automaxprocs: GOMAXPROCS sees the node, not the CPU quota. */
const misconfiguredGomaxprocsShare = 0.06;

/**
 * Builds a whole demo fleet from a seed: the same shape gives a byte-identical inventory.
 * The inventory is deep-frozen: callers share it instead of copying 10,000 instances.
 */
export function generateDemoFleet(shapeInput: DemoFleetShape): GeneratedDemoFleet {
  const shape = DemoFleetShape.parse(shapeInput);
  const { seed } = shape;
  const topology = generateTopology(seed, shape.regions, shape.clustersPerRegion);
  const serviceCount =
    shape.targetInstances === undefined
      ? (shape.services ?? defaultServiceCount)
      : serviceCountForTarget(shape.targetInstances);
  const templates = chooseServices(seed, serviceCount);
  const [min, max] = shape.instancesPerService ?? defaultInstancesPerCluster;
  const counts: InstanceCounts =
    shape.targetInstances === undefined
      ? { mode: "per-cluster", min, max }
      : { mode: "total", targetInstances: shape.targetInstances };
  const placements = placeServices(seed, templates, topology, counts);
  const { nodes, instances, workloads } = buildInstances(seed, placements, topology, misconfigured(seed, placements));

  // A service that got no instance (tiny target fleets) is left out, with its edges.
  const placedServices = new Set(placements.map((p) => p.serviceIndex));
  const keptIndexes = templates.map((_, index) => index).filter((index) => placedServices.has(index));
  const newIndex = new Map(keptIndexes.map((oldIndex, index) => [oldIndex, index]));
  const kept = keptIndexes.map((index) => templates[index]).filter((t) => t !== undefined);
  for (const workload of workloads) workload.serviceIndex = newIndex.get(workload.serviceIndex) ?? -1;

  const inventory: Inventory = {
    regions: topology.regions,
    zones: topology.zones,
    clusters: topology.clusters,
    nodes,
    services: kept.map(({ id, name, owner, tier }) => ({ id, name, owner, tier })),
    instances,
  };
  assertUniqueIds(inventory);
  return {
    seed,
    inventory: deepFreeze(inventory),
    workloads: deepFreeze(workloads),
    calls: deepFreeze(buildServiceCalls(seed, kept)),
  };
}

function misconfigured(seed: number, placements: readonly Placement[]): Set<Placement> {
  const eligible = placements.filter((p) => p.cluster.kind !== "vm" && p.template.layer !== "data");
  if (eligible.length === 0) return new Set();
  const count = Math.max(1, Math.round(misconfiguredGomaxprocsShare * eligible.length));
  return new Set(randomFor(seed, "misconfigured-gomaxprocs").shuffled(eligible).slice(0, count));
}

function assertUniqueIds(inventory: Inventory) {
  for (const [kind, entities] of Object.entries(inventory)) {
    const ids = new Set<string>();
    for (const entity of entities as readonly { id: string }[]) {
      if (ids.has(entity.id)) throw new Error(`demo fleet generated two ${kind} with id "${entity.id}"`);
      ids.add(entity.id);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
