import { type ServiceTemplate, serviceCatalog } from "./service-catalog.ts";
import { maxSyntheticServices, syntheticServices } from "./synthetic-services.ts";

/** The most services a demo fleet can hold: the catalog plus every generated name. */
export const maxDemoServices = serviceCatalog.length + maxSyntheticServices;

/** The first `count` catalog services, then generated ones when the fleet needs more. */
export function chooseServices(seed: number, count: number): ServiceTemplate[] {
  if (count > maxDemoServices) {
    throw new Error(`a demo fleet has at most ${maxDemoServices} services, asked for ${count}`);
  }
  const fromCatalog = serviceCatalog.slice(0, count);
  return [...fromCatalog, ...syntheticServices(seed, count - fromCatalog.length)];
}

/**
 * How many services a fleet of about `targetInstances` has: growing with the square root keeps
 * both the service count and the instances per service rising (≈12 services at 250 instances,
 * ≈75 at 10,000), as in real fleets.
 */
export function serviceCountForTarget(targetInstances: number): number {
  return Math.min(maxDemoServices, Math.max(1, Math.round(0.75 * Math.sqrt(targetInstances))));
}
