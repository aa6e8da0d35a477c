import type { Region, ServiceEdge } from "@fleetdeck/core";
import { type CallRoute, interRegionRoundTripMs } from "./call-routes.ts";
import type { ServiceCall } from "./generated-fleet.ts";
import { keyFor, randomFor } from "./random.ts";
import type { ServiceTemplate } from "./service-catalog.ts";
import { valueNoise } from "./smooth-noise.ts";

/**
 * The dependency DAG: the catalog's hand-written calls between the services present, plus calls
 * for generated services (the gateway calls the public ones; each calls one to three services of
 * a higher rank, data stores included). Calls only go up in rank, so there is never a cycle.
 */
export function buildServiceCalls(seed: number, services: readonly ServiceTemplate[]): ServiceCall[] {
  const indexById = new Map(services.map((service, index) => [service.id, index]));
  const calls: ServiceCall[] = [];
  const add = (from: number, to: number, callsPerRequest: number, p99LatencyMs: number) => {
    const fromService = services[from];
    const toService = services[to];
    if (!fromService || !toService || fromService.rank >= toService.rank) return;
    if (calls.some((c) => c.fromServiceIndex === from && c.toServiceIndex === to)) return;
    const random = randomFor(seed, "edge", fromService.id, toService.id);
    calls.push({
      fromServiceIndex: from,
      toServiceIndex: to,
      callsPerRequest,
      p99LatencyMs,
      baseErrorRatio: random.between(0.0005, 0.004),
      crossRegionShare: consensusWriteShare(seed, fromService, toService),
      noiseKey: keyFor(seed, "edge-noise", fromService.id, toService.id),
    });
  };

  services.forEach((service, from) => {
    for (const call of service.calls) {
      const to = indexById.get(call.toServiceId);
      if (to !== undefined) add(from, to, call.callsPerRequest, call.p99LatencyMs);
    }
  });

  const gateway = services.findIndex((service) => service.layer === "edge");
  services.forEach((service, from) => {
    if (service.calls.length > 0 || service.layer === "edge" || service.layer === "data") return;
    const random = randomFor(seed, "calls", service.id);
    if (service.public && gateway >= 0) add(gateway, from, random.between(0.02, 0.3), service.requestLatencyMs * 3);
    const callees = services
      .map((candidate, index) => ({ candidate, index }))
      .filter(({ candidate }) => candidate.rank > service.rank && callable(service, candidate));
    for (const { candidate, index } of random.shuffled(callees).slice(0, random.int(1, 3))) {
      add(from, index, random.between(0.2, candidate.layer === "data" ? 8 : 2), candidate.requestLatencyMs * 2.5);
    }
  });
  return calls;
}

/**
 * A consensus group (etcd, a placement driver) takes writes at its leader, in one region: a few
 * percent of its callers' calls cross to that region wherever they run.
 */
function consensusWriteShare(seed: number, caller: ServiceTemplate, callee: ServiceTemplate): number {
  if (!callee.membersPerCluster) return 0;
  return randomFor(seed, "consensus-writes", caller.id, callee.id).between(0.03, 0.12);
}

/** Batch jobs read data stores; applications call other applications and data stores. */
function callable(caller: ServiceTemplate, callee: ServiceTemplate): boolean {
  return callee.layer === "data" || (caller.layer === "app" && callee.layer === "app");
}

/** Share of a callee's instances under an active fault, 0..1, per service index. */
export type ServiceStress = ArrayLike<number>;

/** Traffic per service and region: index `serviceIndex * regionCount + regionIndex`. */
export interface RegionalTraffic {
  regionCount: number;
  /** Requests per second the service serves in the region. */
  rps: ArrayLike<number>;
  /** The service's traffic in the region relative to its peak there, 0..1. */
  loadRatio: ArrayLike<number>;
}

/**
 * Edges at an instant, one per call and region pair (routes from planCallRoutes): rps is the
 * caller's traffic in its region times calls per request times the route's share; errors and the
 * latency tail rise with the caller's load there and sharply when the callee is under a fault;
 * a call to another region pays the round trip between them.
 */
export function serviceEdgesAt(
  calls: readonly ServiceCall[],
  routes: readonly (readonly CallRoute[])[],
  services: readonly { id: string }[],
  regions: readonly Pick<Region, "id" | "utcOffsetHours">[],
  traffic: RegionalTraffic,
  calleeStress: ServiceStress,
  tMs: number,
): ServiceEdge[] {
  const edges: ServiceEdge[] = [];
  calls.forEach((call, callIndex) => {
    const stress = calleeStress[call.toServiceIndex] ?? 0;
    const wiggle = valueNoise(call.noiseKey, tMs, 10 * 60_000);
    for (const route of routes[callIndex] ?? []) {
      const from = regions[route.fromRegionIndex];
      const to = regions[route.toRegionIndex];
      if (!from || !to) continue;
      const callerSlot = call.fromServiceIndex * traffic.regionCount + route.fromRegionIndex;
      const load = traffic.loadRatio[callerSlot] ?? 0;
      const busy = Math.max(0, load - 0.8) / 0.2;
      const roundTripMs =
        route.fromRegionIndex === route.toRegionIndex
          ? 0
          : interRegionRoundTripMs(from.utcOffsetHours, to.utcOffsetHours);
      edges.push({
        fromServiceId: services[call.fromServiceIndex]?.id ?? "",
        toServiceId: services[call.toServiceIndex]?.id ?? "",
        fromRegionId: from.id,
        toRegionId: to.id,
        rps: (traffic.rps[callerSlot] ?? 0) * call.callsPerRequest * route.share,
        errorRatio: Math.min(1, call.baseErrorRatio * (1 + 0.3 * wiggle) * (1 + busy) * (1 + 20 * stress)),
        p99LatencyMs: call.p99LatencyMs * (0.8 + 0.3 * load + 0.05 * wiggle) * (1 + 3 * stress) + roundTripMs,
      });
    }
  });
  return edges;
}
