import type { Stat } from "../../components/StatCard.tsx";
import type { FleetOverview } from "../../lib/api-types.ts";
import { formatCores, formatCount, formatSeconds } from "../../lib/format.ts";
import type { ServiceLeaderboardSort } from "../../lib/search-params.ts";

export type ServiceGcCost = FleetOverview["topGcCpuServices"][number];
export type InstancePause = FleetOverview["worstPauseInstances"][number];
export type InstanceHeadroom = FleetOverview["leastHeadroomInstances"][number];
export type RegionHealth = FleetOverview["regions"][number];

export interface OverviewViewModel {
  atMs: number;
  /** The region the overview was asked for; null for the whole fleet. */
  region: RegionHealth | null;
  stats: Stat[];
  services: ServiceGcCost[];
  worstPauses: InstancePause[];
  leastHeadroom: InstanceHeadroom[];
  regions: RegionHealth[];
}

const serviceSortKey: Record<ServiceLeaderboardSort, (s: ServiceGcCost) => number> = {
  gcCpuCores: (s) => s.gcCpuCores,
  meanGcCpuFraction: (s) => s.meanGcCpuFraction ?? Number.NEGATIVE_INFINITY,
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

type Totals = FleetOverview["totals"];

/** What every scope has: counts, health and GC cost. */
function scopeStats(totals: Totals): Stat[] {
  return [
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

function fleetStats(totals: Totals): Stat[] {
  return [{ label: "Regions", value: formatCount(totals.regions) }, ...scopeStats(totals)];
}

/** A region's totals (from the overview asked for that region) and its worst pause. */
function regionStats(totals: Totals, region: RegionHealth): Stat[] {
  return [...scopeStats(totals), { label: "Worst pause p99", value: formatSeconds(region.worstPauseP99Seconds) }];
}

/**
 * The overview page's model. The server scopes the answer: asked for a region, its totals and
 * leaderboards cover that region only and `regions` holds just that region.
 */
export function shapeOverview(
  overview: FleetOverview,
  view: { regionId: string | undefined; sort: ServiceLeaderboardSort },
): OverviewViewModel {
  const region =
    view.regionId === undefined ? null : (overview.regions.find((r) => r.regionId === view.regionId) ?? null);
  return {
    atMs: overview.atMs,
    region,
    stats: region ? regionStats(overview.totals, region) : fleetStats(overview.totals),
    services: sortServices(overview.topGcCpuServices, view.sort),
    worstPauses: overview.worstPauseInstances,
    leastHeadroom: overview.leastHeadroomInstances,
    regions: [...overview.regions].sort(
      (a, b) => b.unhealthyInstances - a.unhealthyInstances || a.regionName.localeCompare(b.regionName),
    ),
  };
}
