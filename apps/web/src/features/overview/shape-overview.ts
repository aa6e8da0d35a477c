import type { Stat } from "../../components/StatCard.tsx";
import type { FleetOverview } from "../../lib/api-types.ts";
import { formatCores, formatCount, formatSeconds } from "../../lib/format.ts";
import type { OverviewSearch, ServiceLeaderboardSort } from "../../lib/search-params.ts";

export type ServiceGcCost = FleetOverview["topGcCpuServices"][number];
export type InstancePause = FleetOverview["worstPauseInstances"][number];
export type InstanceHeadroom = FleetOverview["leastHeadroomInstances"][number];
export type RegionHealth = FleetOverview["regions"][number];

export interface OverviewViewModel {
  atMs: number;
  /** The region the view is narrowed to; null for the whole fleet. */
  region: RegionHealth | null;
  /** A region id from the URL that the fleet does not have. */
  unknownRegionId: string | null;
  stats: Stat[];
  services: ServiceGcCost[];
  worstPauses: InstancePause[];
  leastHeadroom: InstanceHeadroom[];
  regions: RegionHealth[];
}

const serviceSortKey: Record<ServiceLeaderboardSort, (s: ServiceGcCost) => number> = {
  gcCpuCores: (s) => s.gcCpuCores,
  meanGcCpuFraction: (s) => s.meanGcCpuFraction,
  instances: (s) => s.instances,
};

/** Largest first; ties keep the server's order (by GC CPU cores). */
export function sortServices(services: readonly ServiceGcCost[], sort: ServiceLeaderboardSort): ServiceGcCost[] {
  const key = serviceSortKey[sort];
  return services
    .map((service, index) => ({ service, index }))
    .sort((a, b) => key(b.service) - key(a.service) || a.index - b.index)
    .map(({ service }) => service);
}

function fleetStats(totals: FleetOverview["totals"]): Stat[] {
  return [
    { label: "Regions", value: formatCount(totals.regions) },
    { label: "Clusters", value: formatCount(totals.clusters) },
    { label: "Services", value: formatCount(totals.services) },
    {
      label: "Instances",
      value: formatCount(totals.instances),
      ...(totals.instancesWithoutData > 0
        ? { detail: `${formatCount(totals.instancesWithoutData)} without data` }
        : {}),
    },
    { label: "Healthy", value: formatCount(totals.healthyInstances), tone: "good" },
    {
      label: "Unhealthy",
      value: formatCount(totals.unhealthyInstances),
      tone: totals.unhealthyInstances > 0 ? "bad" : "good",
    },
    { label: "GC CPU", value: `${formatCores(totals.gcCpuCores)} cores` },
  ];
}

export function regionStats(region: RegionHealth): Stat[] {
  return [
    { label: "Clusters", value: formatCount(region.clusters) },
    { label: "Instances", value: formatCount(region.instances) },
    {
      label: "Unhealthy",
      value: formatCount(region.unhealthyInstances),
      tone: region.unhealthyInstances > 0 ? "bad" : "good",
    },
    { label: "GC CPU", value: `${formatCores(region.gcCpuCores)} cores` },
    { label: "Worst pause p99", value: formatSeconds(region.worstPauseP99Seconds) },
  ];
}

/**
 * Narrows the fleet overview to what the URL asks for. The server sends fleet-wide leaderboards
 * (top N), so a region filter keeps that region's entries among them; per-region service cost is
 * not in the overview, so the services leaderboard stays fleet-wide.
 */
export function shapeOverview(overview: FleetOverview, search: OverviewSearch): OverviewViewModel {
  const region = search.region ? (overview.regions.find((r) => r.regionId === search.region) ?? null) : null;
  const inScope = (entry: { regionId: string }) => region === null || entry.regionId === region.regionId;
  return {
    atMs: overview.atMs,
    region,
    unknownRegionId: search.region && region === null ? search.region : null,
    stats: region ? regionStats(region) : fleetStats(overview.totals),
    services: sortServices(overview.topGcCpuServices, search.sort),
    worstPauses: overview.worstPauseInstances.filter(inScope),
    leastHeadroom: overview.leastHeadroomInstances.filter(inScope),
    regions: [...overview.regions].sort(
      (a, b) => b.unhealthyInstances - a.unhealthyInstances || a.regionName.localeCompare(b.regionName),
    ),
  };
}
