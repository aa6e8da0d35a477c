import { z } from "zod";
import { Cluster, EntityId, type ObservedInventory, ObservedRegion, ObservedService } from "../model/inventory.ts";

/** Owner and tier are null for a service a metrics backend knows by its label only. */
export const CatalogService = ObservedService.extend({
  instances: z.number().int(),
  regionIds: z.array(EntityId),
});

/** The time zone is null for a region a metrics backend knows by its label only. */
export const CatalogRegion = ObservedRegion.extend({
  clusters: z.array(Cluster.extend({ instances: z.number().int() })),
  serviceIds: z.array(EntityId),
  instances: z.number().int(),
});

/** The fleet's regions, clusters and services with counts: what pickers and entity pages list. */
export const FleetCatalog = z.object({
  regions: z.array(CatalogRegion),
  services: z.array(CatalogService),
});
export type FleetCatalog = z.infer<typeof FleetCatalog>;

export function catalogFleet(inventory: ObservedInventory): FleetCatalog {
  const serviceInstances = new Map<string, number>();
  const serviceRegions = new Map<string, Set<string>>();
  const clusterInstances = new Map<string, number>();
  const regionServices = new Map<string, Set<string>>();
  for (const instance of inventory.instances) {
    serviceInstances.set(instance.serviceId, (serviceInstances.get(instance.serviceId) ?? 0) + 1);
    clusterInstances.set(instance.clusterId, (clusterInstances.get(instance.clusterId) ?? 0) + 1);
    addTo(serviceRegions, instance.serviceId, instance.regionId);
    addTo(regionServices, instance.regionId, instance.serviceId);
  }
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  return {
    regions: inventory.regions.map((region) => {
      const clusters = inventory.clusters
        .filter((c) => c.regionId === region.id)
        .map((c) => ({ ...c, instances: clusterInstances.get(c.id) ?? 0 }))
        .sort(byName);
      return {
        ...region,
        clusters,
        serviceIds: [...(regionServices.get(region.id) ?? [])].sort(),
        instances: clusters.reduce((sum, c) => sum + c.instances, 0),
      };
    }),
    services: inventory.services
      .map((service) => ({
        ...service,
        instances: serviceInstances.get(service.id) ?? 0,
        regionIds: [...(serviceRegions.get(service.id) ?? [])].sort(),
      }))
      .sort(byName),
  };
}

function addTo(index: Map<string, Set<string>>, key: string, value: string) {
  const set = index.get(key) ?? new Set<string>();
  set.add(value);
  index.set(key, set);
}
