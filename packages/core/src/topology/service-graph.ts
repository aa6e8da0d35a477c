import { z } from "zod";
import type { Service, ServiceEdge } from "../model/inventory.ts";
import { CallFold, compareIds } from "./merge-service-edges.ts";
import type { PlacementInstance } from "./placement.ts";

/**
 * A service in the graph. In a region's graph, a service of another region that a call crosses
 * to or from is its own node (`external`), so cross-region calls stay visible.
 */
export const ServiceGraphNode = z.object({
  /** The service id, or `serviceId@regionId` for an external node. */
  id: z.string(),
  serviceId: z.string(),
  name: z.string(),
  regionIds: z.array(z.string()),
  instances: z.number().int().nonnegative(),
  unhealthyInstances: z.number().int().nonnegative(),
  external: z.boolean(),
});
export type ServiceGraphNode = z.infer<typeof ServiceGraphNode>;

export const ServiceGraphEdge = z.object({
  from: z.string(),
  to: z.string(),
  rps: z.number().nonnegative(),
  /** Weighted by rps over the calls merged into this edge. */
  errorRatio: z.number().min(0).max(1),
  /** The worst p99 of the calls merged into this edge. */
  p99LatencyMs: z.number().nonnegative(),
  /** Some of its calls go from one region to another. */
  crossRegion: z.boolean(),
  crossRegionRps: z.number().nonnegative(),
});
export type ServiceGraphEdge = z.infer<typeof ServiceGraphEdge>;

export const ServiceGraph = z.object({
  atMs: z.number(),
  /** null for the whole fleet. */
  regionId: z.string().nullable(),
  nodes: z.array(ServiceGraphNode),
  edges: z.array(ServiceGraphEdge),
});
export type ServiceGraph = z.infer<typeof ServiceGraph>;

export interface ServiceGraphInput {
  atMs: number;
  services: readonly Pick<Service, "id" | "name">[];
  edges: readonly ServiceEdge[];
  instances: readonly Pick<PlacementInstance, "serviceId" | "regionId" | "up" | "healthy">[];
  regionId: string | null;
}

/** The node id of a service seen from another region's graph. */
export function externalNodeId(serviceId: string, regionId: string): string {
  return `${serviceId}@${regionId}`;
}

interface NodeTally {
  serviceId: string;
  external: boolean;
  regionIds: Set<string>;
  instances: number;
  unhealthyInstances: number;
}

/**
 * Folds calls into a service graph. For the whole fleet: one node per service and one edge per
 * caller/callee pair, whatever regions its calls ran between. For one region: its services, and
 * for each call that crosses into or out of it, the service on the other side as an external node
 * (`serviceId@regionId`), so multi-active traffic stays visible. A call whose regions the source
 * does not know counts as local, in a region's graph when both services run there. Instance
 * counts come from the instances (of that region only, for a region's graph); a down instance is
 * an unhealthy one. Nodes and edges are sorted by id, so equal inputs give equal graphs.
 */
export function buildServiceGraph(input: ServiceGraphInput): ServiceGraph {
  const { regionId } = input;
  const names = new Map(input.services.map((service) => [service.id, service.name]));
  const tallies = new Map<string, NodeTally>();
  const tally = (id: string, serviceId: string, external: boolean) => {
    let node = tallies.get(id);
    if (!node) {
      node = { serviceId, external, regionIds: new Set(), instances: 0, unhealthyInstances: 0 };
      tallies.set(id, node);
    }
    return node;
  };

  if (regionId === null) for (const service of input.services) tally(service.id, service.id, false);
  // Where each service runs, to scope calls of unknown regions and to count external nodes.
  const regionsOfService = new Map<string, Set<string>>();
  const countsByServiceRegion = new Map<string, { instances: number; unhealthy: number }>();
  for (const instance of input.instances) {
    const regions = regionsOfService.get(instance.serviceId) ?? new Set<string>();
    regions.add(instance.regionId);
    regionsOfService.set(instance.serviceId, regions);
    const key = externalNodeId(instance.serviceId, instance.regionId);
    const counts = countsByServiceRegion.get(key) ?? { instances: 0, unhealthy: 0 };
    counts.instances += 1;
    if (!instance.healthy) counts.unhealthy += 1;
    countsByServiceRegion.set(key, counts);
    if (regionId === null || instance.regionId === regionId) tally(instance.serviceId, instance.serviceId, false);
  }

  const edges = new Map<string, { from: string; to: string; fold: CallFold }>();
  for (const call of input.edges) {
    const ends = regionId === null ? fleetEnds(call) : regionEnds(call, regionId, regionsOfService);
    if (!ends) continue;
    tally(ends.from.id, call.fromServiceId, ends.from.regionId !== null);
    tally(ends.to.id, call.toServiceId, ends.to.regionId !== null);
    if (ends.from.regionId !== null) tallies.get(ends.from.id)?.regionIds.add(ends.from.regionId);
    if (ends.to.regionId !== null) tallies.get(ends.to.id)?.regionIds.add(ends.to.regionId);
    const key = `${ends.from.id}\u0000${ends.to.id}`;
    let edge = edges.get(key);
    if (!edge) {
      edge = { from: ends.from.id, to: ends.to.id, fold: new CallFold() };
      edges.set(key, edge);
    }
    edge.fold.add(call);
  }

  const nodes: ServiceGraphNode[] = [...tallies.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([id, node]) => {
      const regionIds = node.external ? [...node.regionIds] : [...(regionsOfService.get(node.serviceId) ?? [])];
      const shown = regionId === null || node.external ? regionIds : regionIds.filter((r) => r === regionId);
      let instances = 0;
      let unhealthyInstances = 0;
      for (const region of shown) {
        const counts = countsByServiceRegion.get(externalNodeId(node.serviceId, region));
        instances += counts?.instances ?? 0;
        unhealthyInstances += counts?.unhealthy ?? 0;
      }
      return {
        id,
        serviceId: node.serviceId,
        name: names.get(node.serviceId) ?? node.serviceId,
        regionIds: shown.sort(compareIds),
        instances,
        unhealthyInstances,
        external: node.external,
      };
    });

  return {
    atMs: input.atMs,
    regionId,
    nodes,
    edges: [...edges.values()]
      .sort((a, b) => compareIds(a.from, b.from) || compareIds(a.to, b.to))
      .map(({ from, to, fold }) => ({
        from,
        to,
        rps: fold.rps,
        errorRatio: fold.errorRatio,
        p99LatencyMs: fold.p99LatencyMs,
        crossRegion: fold.crossRegion,
        crossRegionRps: fold.crossRegionRps,
      })),
  };
}

/** One end of an edge: a node id, and the region of an external node (null for a local one). */
interface EdgeEnd {
  id: string;
  regionId: string | null;
}

function fleetEnds(call: ServiceEdge): { from: EdgeEnd; to: EdgeEnd } {
  return { from: { id: call.fromServiceId, regionId: null }, to: { id: call.toServiceId, regionId: null } };
}

function regionEnds(
  call: ServiceEdge,
  regionId: string,
  regionsOfService: ReadonlyMap<string, ReadonlySet<string>>,
): { from: EdgeEnd; to: EdgeEnd } | null {
  // A call with one region known stayed in it; with none known, it is local where both run.
  const fromRegion = call.fromRegionId ?? call.toRegionId;
  const toRegion = call.toRegionId ?? call.fromRegionId;
  if (fromRegion === undefined || toRegion === undefined) {
    const bothHere =
      regionsOfService.get(call.fromServiceId)?.has(regionId) && regionsOfService.get(call.toServiceId)?.has(regionId);
    return bothHere ? fleetEnds(call) : null;
  }
  const end = (serviceId: string, region: string): EdgeEnd =>
    region === regionId
      ? { id: serviceId, regionId: null }
      : { id: externalNodeId(serviceId, region), regionId: region };
  if (fromRegion !== regionId && toRegion !== regionId) return null;
  return { from: end(call.fromServiceId, fromRegion), to: end(call.toServiceId, toRegion) };
}
