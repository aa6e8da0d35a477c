import type { FleetOverview } from "../../lib/api-types.ts";

export type RegionHealth = FleetOverview["regions"][number];

export interface RegionDetail {
  region: RegionHealth;
  worstPauses: FleetOverview["worstPauseInstances"];
  leastHeadroom: FleetOverview["leastHeadroomInstances"];
  /** Services with an instance in this region among the fleet's leaderboards, by name. */
  servicesSeen: { serviceId: string; serviceName: string }[];
}

/**
 * A region's page, derived from the fleet overview: its health row, and its entries in the
 * fleet-wide leaderboards. Null when the fleet has no such region.
 */
export function regionDetail(overview: FleetOverview, regionId: string): RegionDetail | null {
  const region = overview.regions.find((r) => r.regionId === regionId);
  if (!region) return null;
  const worstPauses = overview.worstPauseInstances.filter((p) => p.regionId === regionId);
  const leastHeadroom = overview.leastHeadroomInstances.filter((h) => h.regionId === regionId);
  const services = new Map<string, string>();
  for (const entry of [...worstPauses, ...leastHeadroom]) services.set(entry.serviceId, entry.serviceName);
  const servicesSeen = [...services.entries()]
    .map(([serviceId, serviceName]) => ({ serviceId, serviceName }))
    .sort((a, b) => a.serviceName.localeCompare(b.serviceName));
  return { region, worstPauses, leastHeadroom, servicesSeen };
}
