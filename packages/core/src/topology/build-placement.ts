import type { ObservedGcSample } from "../model/gc-sample.ts";
import type { ObservedInventory } from "../model/inventory.ts";
import {
  classifyInstanceHealth,
  defaultHealthPolicy,
  type HealthPolicy,
  memoryHeadroomRatio,
} from "../overview/health-policy.ts";
import type { PlacementInstance, PlacementSnapshot } from "./placement.ts";

/** What one source told: its inventory, and the GC samples or liveness it knows. */
export interface PlacementPart {
  sourceId: string;
  inventory: ObservedInventory;
  /** GC samples by instance id (fleet sources); a fleet instance without one is down. */
  samples?: ReadonlyMap<string, ObservedGcSample>;
  /** Liveness as the cluster's control plane sees it (cluster sources); it overrides samples. */
  instanceUp?: Readonly<Record<string, boolean>>;
  nodeReady?: Readonly<Record<string, boolean>>;
  instanceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface PlacementInputs {
  atMs: number;
  parts: readonly PlacementPart[];
  sourceErrors: readonly { sourceId: string; message: string }[];
  policy?: HealthPolicy;
}

/**
 * Merges every source's places and instances into one snapshot. The first source to name a
 * place wins; an instance that several sources name (an etcd member seen by Prometheus and by
 * etcd itself) takes its GC figures from the samples and its liveness from the control plane.
 */
export function buildPlacementSnapshot({
  atMs,
  parts,
  sourceErrors,
  policy = defaultHealthPolicy,
}: PlacementInputs): PlacementSnapshot {
  const firstById = <T extends { id: string }>(lists: readonly (readonly T[])[]) => {
    const byId = new Map<string, T>();
    for (const list of lists) for (const item of list) if (!byId.has(item.id)) byId.set(item.id, item);
    return byId;
  };
  const regions = firstById(parts.map((p) => p.inventory.regions));
  const zones = firstById(parts.map((p) => p.inventory.zones));
  const services = firstById(parts.map((p) => p.inventory.services));
  const clusters = new Map<string, PlacementSnapshot["clusters"][number]>();
  const nodes = new Map<string, PlacementSnapshot["nodes"][number]>();
  for (const part of parts) {
    for (const c of part.inventory.clusters) {
      if (!clusters.has(c.id))
        clusters.set(c.id, { id: c.id, name: c.name, regionId: c.regionId, kind: c.kind, sourceId: part.sourceId });
    }
    for (const n of part.inventory.nodes) {
      const ready = part.nodeReady?.[n.id];
      const known = nodes.get(n.id);
      if (!known)
        nodes.set(n.id, { id: n.id, name: n.name, clusterId: n.clusterId, zoneId: n.zoneId, ready: ready ?? null });
      else if (ready !== undefined) known.ready = ready;
    }
  }

  const servicesById = services;
  const instances = new Map<string, PlacementInstance>();
  for (const part of parts) {
    for (const instance of part.inventory.instances) {
      const sample = part.samples?.get(instance.id);
      const controlPlaneUp = part.instanceUp?.[instance.id];
      const known = instances.get(instance.id);
      if (known) {
        if (controlPlaneUp !== undefined) known.up = controlPlaneUp;
        if (sample) Object.assign(known, figuresOf(instance, sample));
        Object.assign(known.labels, part.instanceLabels?.[instance.id]);
        continue;
      }
      const service = servicesById.get(instance.serviceId);
      const labels: Record<string, string> = { service: instance.serviceId };
      if (service?.tier) labels.tier = service.tier;
      if (instance.goVersion) labels.go_version = instance.goVersion;
      Object.assign(labels, part.instanceLabels?.[instance.id]);
      instances.set(instance.id, {
        id: instance.id,
        serviceId: instance.serviceId,
        regionId: instance.regionId,
        zoneId: instance.zoneId,
        clusterId: instance.clusterId,
        nodeId: instance.nodeId,
        up: controlPlaneUp ?? (part.samples ? sample !== undefined : false),
        healthy: false,
        ...(sample
          ? figuresOf(instance, sample)
          : { pauseP99Seconds: null, gcCpuFraction: null, memoryHeadroomRatio: null }),
        labels,
        sourceId: part.sourceId,
      });
    }
  }

  const samplesOf = new Map<string, { instance: ObservedInventory["instances"][number]; sample: ObservedGcSample }>();
  for (const part of parts) {
    for (const instance of part.inventory.instances) {
      const sample = part.samples?.get(instance.id);
      if (sample && !samplesOf.has(instance.id)) samplesOf.set(instance.id, { instance, sample });
    }
  }
  for (const placed of instances.values()) {
    const measured = samplesOf.get(placed.id);
    placed.healthy =
      placed.up && (measured ? classifyInstanceHealth(measured.instance, measured.sample, policy).healthy : true);
  }

  return {
    atMs,
    regions: [...regions.values()],
    zones: [...zones.values()].map((z) => ({ id: z.id, regionId: z.regionId, name: z.name })),
    clusters: [...clusters.values()],
    nodes: [...nodes.values()],
    services: [...services.values()].map((s) => ({ id: s.id, name: s.name })),
    instances: [...instances.values()],
    sourceErrors: [...sourceErrors],
  };
}

function figuresOf(instance: { memoryLimitBytes?: number | null }, sample: ObservedGcSample) {
  return {
    pauseP99Seconds: sample.pause.p99Seconds,
    gcCpuFraction: sample.gcCpuFraction,
    memoryHeadroomRatio: memoryHeadroomRatio(instance, sample),
  };
}
