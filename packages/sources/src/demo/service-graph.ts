import type { ServiceEdge } from "@fleetdeck/core";
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

/** Batch jobs read data stores; applications call other applications and data stores. */
function callable(caller: ServiceTemplate, callee: ServiceTemplate): boolean {
  return callee.layer === "data" || (caller.layer === "app" && callee.layer === "app");
}

/** Share of a callee's instances under an active fault, 0..1, per service index. */
export type ServiceStress = ArrayLike<number>;

/**
 * Edges at an instant: rps is the caller's traffic times calls per request; errors and the
 * latency tail rise with the caller's load and sharply when the callee is under a fault.
 */
export function serviceEdgesAt(
  calls: readonly ServiceCall[],
  services: readonly { id: string }[],
  serviceRps: ArrayLike<number>,
  serviceLoadRatio: ArrayLike<number>,
  calleeStress: ServiceStress,
  tMs: number,
): ServiceEdge[] {
  return calls.map((call) => {
    const load = serviceLoadRatio[call.fromServiceIndex] ?? 0;
    const stress = calleeStress[call.toServiceIndex] ?? 0;
    const wiggle = valueNoise(call.noiseKey, tMs, 10 * 60_000);
    const busy = Math.max(0, load - 0.8) / 0.2;
    return {
      fromServiceId: services[call.fromServiceIndex]?.id ?? "",
      toServiceId: services[call.toServiceIndex]?.id ?? "",
      rps: (serviceRps[call.fromServiceIndex] ?? 0) * call.callsPerRequest,
      errorRatio: Math.min(1, call.baseErrorRatio * (1 + 0.3 * wiggle) * (1 + busy) * (1 + 20 * stress)),
      p99LatencyMs: call.p99LatencyMs * (0.8 + 0.3 * load + 0.05 * wiggle) * (1 + 3 * stress),
    };
  });
}
