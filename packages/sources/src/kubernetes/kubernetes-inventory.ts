import type {
  Cluster,
  InventoryWarning,
  ObservedInstance,
  ObservedNode,
  ObservedRegion,
  ObservedService,
  Zone,
} from "@fleetdeck/core";
import type { ClusterInventory } from "../cluster-source.ts";
import { entityIdOf, nodeIdOf, podInstanceIdOf } from "./kubernetes-ids.ts";
import type { ClusterObjects } from "./kubernetes-objects.ts";
import {
  clusterRegionOf,
  type NodePlace,
  type PlacementLabels,
  placeOfNode,
  unknownRegionId,
  unknownZoneIdOf,
} from "./node-placement.ts";
import { namespacedKey, resolveWorkload } from "./owner-resolution.ts";
import { isInstancePod, isPodUp, serviceNameOf } from "./pod-instances.ts";

/** One context's cache, named. */
export interface ContextObjects {
  contextName: string;
  clusterId: string;
  objects: ClusterObjects;
}

export interface InventoryOptions extends PlacementLabels {
  serviceLabels: readonly string[];
}

/** At most this many names are quoted in one warning; the count says how many there were. */
const quotedNamesLimit = 5;

/**
 * The regions, zones, clusters, nodes, services and instances the contexts' caches describe:
 * every context is a cluster, every node a node (placed by its topology labels), every pod that is
 * meant to run an instance of the service its labels or workload name.
 */
export function buildKubernetesInventory(
  contexts: readonly ContextObjects[],
  options: InventoryOptions,
): ClusterInventory {
  const regions = new Map<string, ObservedRegion>();
  const zones = new Map<string, Zone>();
  const clusters: Cluster[] = [];
  const nodes = new Map<string, ObservedNode>();
  const services = new Map<string, ObservedService>();
  const instances: ObservedInstance[] = [];
  const instanceUp: Record<string, boolean> = {};
  const nodeReady: Record<string, boolean> = {};
  const instanceLabels: Record<string, Record<string, string>> = {};
  const warnings: InventoryWarning[] = [];

  const addRegion = (region: { id: string; name: string }) => {
    if (!regions.has(region.id)) regions.set(region.id, { ...region, utcOffsetHours: null });
  };
  const addZone = (zone: Zone) => {
    if (!zones.has(zone.id)) zones.set(zone.id, zone);
  };

  for (const { contextName, clusterId, objects } of contexts) {
    const places = new Map<string, NodePlace>(
      objects.nodes.map((node) => [node.name, placeOfNode(node.labels, options)]),
    );
    const clusterRegion = clusterRegionOf(places.values());
    addRegion(clusterRegion);
    clusters.push({ id: clusterId, name: contextName, regionId: clusterRegion.id, kind: "kubernetes" });

    // Where a node sits in region and zone ids, with the fallbacks for missing labels.
    const zoneIdByNode = new Map<string, string>();
    const fallbackZone = (regionId: string): Zone => ({
      id: unknownZoneIdOf(regionId),
      regionId,
      name: "unknown",
    });
    const withoutRegion: string[] = [];
    const withoutZone: string[] = [];
    for (const node of objects.nodes) {
      const place = places.get(node.name) ?? { region: null, zone: null };
      const region = place.region ?? { id: unknownRegionId, name: unknownRegionId };
      if (!place.region) withoutRegion.push(node.name);
      if (!place.zone) withoutZone.push(node.name);
      addRegion(region);
      const zone = place.zone ? { ...place.zone, regionId: region.id } : fallbackZone(region.id);
      addZone(zone);
      zoneIdByNode.set(node.name, zone.id);
      const id = nodeIdOf(clusterId, node.name);
      nodes.set(id, {
        id,
        name: node.name,
        clusterId,
        zoneId: zone.id,
        cpuCores: node.cpuCores,
        memoryBytes: node.memoryBytes,
      });
      nodeReady[id] = node.ready;
    }

    // A pod bound to no node yet (Pending), or to a node the cache has not seen, still shows.
    const placeholderNode = (nodeName: string | null): ObservedNode => {
      const zone = fallbackZone(clusterRegion.id);
      addZone(zone);
      const id = nodeIdOf(clusterId, nodeName ?? "unscheduled");
      const node = nodes.get(id) ?? {
        id,
        name: nodeName ?? "(unscheduled)",
        clusterId,
        zoneId: zone.id,
        cpuCores: null,
        memoryBytes: null,
      };
      nodes.set(id, node);
      return node;
    };

    const replicaSetOwners = new Map(
      objects.replicaSets.map((replicaSet) => [namespacedKey(replicaSet.namespace, replicaSet.name), replicaSet.owner]),
    );
    const podsOnNode = new Map<string, string[]>();
    const unscheduled: { name: string; id: string }[] = [];
    for (const pod of objects.pods) {
      if (!isInstancePod(pod)) continue;
      const id = podInstanceIdOf(clusterId, pod.namespace, pod.name);
      const workload = resolveWorkload(pod, replicaSetOwners);
      const serviceName = serviceNameOf(pod, workload, options.serviceLabels);
      const serviceId = entityIdOf(serviceName);
      if (!services.has(serviceId))
        services.set(serviceId, { id: serviceId, name: serviceName, owner: null, tier: null });

      const knownZoneId = pod.nodeName ? zoneIdByNode.get(pod.nodeName) : undefined;
      const node =
        knownZoneId !== undefined && pod.nodeName
          ? { id: nodeIdOf(clusterId, pod.nodeName), zoneId: knownZoneId }
          : placeholderNode(pod.nodeName);
      if (!pod.nodeName) unscheduled.push({ name: `${pod.namespace}/${pod.name}`, id });
      else if (podsOnNode.has(pod.nodeName)) podsOnNode.get(pod.nodeName)?.push(id);
      else podsOnNode.set(pod.nodeName, [id]);
      const zone = zones.get(node.zoneId);

      instances.push({
        id,
        serviceId,
        clusterId,
        regionId: zone?.regionId ?? clusterRegion.id,
        zoneId: node.zoneId,
        nodeId: node.id,
        pprofUrl: null,
        metricsUrl: null,
        goVersion: null,
        runtimeConfig: null,
        cpuLimitCores: pod.cpuLimitCores,
        memoryLimitBytes: pod.memoryLimitBytes,
      });
      instanceUp[id] = isPodUp(pod);
      instanceLabels[id] = { ...pod.labels, namespace: pod.namespace };
    }

    const podsOn = (nodeNames: string[]) => nodeNames.flatMap((name) => podsOnNode.get(name) ?? []);
    if (withoutRegion.length > 0) {
      warnings.push({
        message: `context "${contextName}": ${countOf(withoutRegion.length, "node")} without the "${options.regionLabel}" label, shown in region "${unknownRegionId}": ${quote(withoutRegion)}`,
        instanceIds: podsOn(withoutRegion),
      });
    }
    if (withoutZone.length > 0) {
      warnings.push({
        message: `context "${contextName}": ${countOf(withoutZone.length, "node")} without the "${options.zoneLabel}" label, shown in an unknown zone of their region: ${quote(withoutZone)}`,
        instanceIds: podsOn(withoutZone),
      });
    }
    if (unscheduled.length > 0) {
      warnings.push({
        message: `context "${contextName}": ${countOf(unscheduled.length, "pod")} not scheduled on a node yet: ${quote(unscheduled.map((pod) => pod.name))}`,
        instanceIds: unscheduled.map((pod) => pod.id),
      });
    }
  }

  return {
    regions: [...regions.values()],
    zones: [...zones.values()],
    clusters,
    nodes: [...nodes.values()],
    services: [...services.values()].sort((a, b) => a.id.localeCompare(b.id)),
    instances,
    warnings,
    instanceUp,
    nodeReady,
    instanceLabels,
  };
}

function quote(names: readonly string[]): string {
  const shown = names.slice(0, quotedNamesLimit).join(", ");
  return names.length > quotedNamesLimit ? `${shown} and ${names.length - quotedNamesLimit} more` : shown;
}

function countOf(count: number, noun: string): string {
  return count === 1 ? `1 ${noun}` : `${count} ${noun}s`;
}
