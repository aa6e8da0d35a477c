import type {
  Cluster,
  ClusterKind,
  InventoryWarning,
  ObservedInstance,
  ObservedInventory,
  ObservedNode,
  ObservedRegion,
  ObservedService,
  Zone,
} from "@fleetdeck/core";
import type { ActiveTarget, LabelSet } from "./prometheus-api-schemas.ts";
import type { PrometheusLabelNames } from "./prometheus-source-config.ts";

export interface DiscoveryInput {
  sourceId: string;
  labels: PrometheusLabelNames;
  /** Placement for series without the region or cluster label, when the source's config names one. */
  defaults: { region?: string; cluster?: string };
  /** One label set per Go process: the series of go_goroutines. */
  processSeries: readonly LabelSet[];
  /** go_info series: their `version` label is the Go version. */
  goInfoSeries: readonly LabelSet[];
  /** Prometheus's active targets, for scrape URLs and health; null where the backend has none. */
  targets: readonly ActiveTarget[] | null;
}

export interface DiscoveredFleet {
  inventory: ObservedInventory;
  /** Instance id → the instance label's value, to select instances in PromQL. */
  instanceLabelValues: Map<string, string>;
}

/** Where an instance goes when its series lacks a placement label. */
export const unlabelledRegionId = "unlabelled";
export const unlabelledServiceId = "unlabelled";

/**
 * A target label naming the instance's net/http/pprof base URL, for targets whose profiles are
 * not served at the scrape address (the demo fleet sets it; relabelling can set it for others).
 */
export const pprofUrlLabel = "fleetdeck_pprof_url";

/** At most this many label sets are quoted in one warning; the count says how many there were. */
const quotedSeriesLimit = 5;

/**
 * Builds an inventory from series labels: regions, zones, clusters, nodes and services are the
 * distinct values of the configured labels. Nothing is dropped silently: a series without the
 * instance label cannot be told apart from others and is left out with a warning quoting it; an
 * instance without a placement label is placed in a fallback and listed in a warning.
 */
export function discoverInstances(input: DiscoveryInput): DiscoveredFleet {
  const { labels, sourceId } = input;
  const fallbackRegion = input.defaults.region ?? unlabelledRegionId;
  const fallbackCluster = input.defaults.cluster ?? sourceId;
  const regions = new Map<string, ObservedRegion>();
  const zones = new Map<string, Zone>();
  const clusters = new Map<string, Cluster>();
  const nodes = new Map<string, ObservedNode>();
  const services = new Map<string, ObservedService>();
  const instances: ObservedInstance[] = [];
  const instanceLabelValues = new Map<string, string>();
  const firstSeriesOf = new Map<string, LabelSet>();

  const unidentified: LabelSet[] = [];
  const duplicates: string[] = [];
  const missing = { region: [] as string[], zone: [] as string[], cluster: [] as string[], service: [] as string[] };

  const goVersions = new Map<string, string>();
  for (const series of input.goInfoSeries) {
    const instance = series[labels.instance];
    if (instance !== undefined && series.version) goVersions.set(instance, series.version);
  }
  const targetsByInstance = new Map<string, ActiveTarget>();
  for (const target of input.targets ?? []) {
    const instance = target.labels[labels.instance];
    if (instance !== undefined && !targetsByInstance.has(instance)) targetsByInstance.set(instance, target);
  }

  for (const series of input.processSeries) {
    const instanceLabel = series[labels.instance];
    if (!instanceLabel) {
      unidentified.push(series);
      continue;
    }
    const id = entityIdOf(instanceLabel);
    const earlier = firstSeriesOf.get(id);
    if (earlier) {
      duplicates.push(`"${id}" (${describeSeries(earlier)} and ${describeSeries(series)})`);
      continue;
    }
    firstSeriesOf.set(id, series);

    const regionValue = series[labels.region];
    const zoneValue = series[labels.zone];
    const clusterValue = series[labels.cluster];
    const serviceValue = series[labels.service];
    if (!regionValue && input.defaults.region === undefined) missing.region.push(id);
    if (!zoneValue) missing.zone.push(id);
    if (!clusterValue && input.defaults.cluster === undefined) missing.cluster.push(id);
    if (!serviceValue) missing.service.push(id);

    const regionId = entityIdOf(regionValue || fallbackRegion);
    if (!regions.has(regionId))
      regions.set(regionId, { id: regionId, name: regionValue || fallbackRegion, utcOffsetHours: null });

    // Zone names are usually globally unique (eu-west-1a); a bare "a" is qualified by its region.
    const zoneId = zoneValue ? zoneIdOf(zoneValue, regionId, zones) : `${regionId}-unlabelled`;
    if (!zones.has(zoneId)) zones.set(zoneId, { id: zoneId, regionId, name: zoneValue || "unlabelled" });

    const clusterId = entityIdOf(clusterValue || fallbackCluster);
    if (!clusters.has(clusterId)) {
      clusters.set(clusterId, {
        id: clusterId,
        name: clusterValue || fallbackCluster,
        regionId,
        kind: clusterKindOf(series),
      });
    }

    // Without a node label the target's host is the node: one host, several processes.
    const nodeName = series[labels.node] || hostOf(instanceLabel);
    const nodeId = entityIdOf(nodeName);
    if (!nodes.has(nodeId))
      nodes.set(nodeId, { id: nodeId, name: nodeName, clusterId, zoneId, cpuCores: null, memoryBytes: null });

    const serviceId = serviceValue ? entityIdOf(serviceValue) : unlabelledServiceId;
    if (!services.has(serviceId))
      services.set(serviceId, { id: serviceId, name: serviceValue || "unlabelled", owner: null, tier: null });

    instanceLabelValues.set(id, instanceLabel);
    instances.push({
      id,
      serviceId,
      clusterId,
      regionId,
      zoneId,
      nodeId,
      pprofUrl: pprofUrlOf(series, targetsByInstance.get(instanceLabel)),
      metricsUrl: targetsByInstance.get(instanceLabel)?.scrapeUrl ?? null,
      goVersion: goVersions.get(instanceLabel) ?? null,
      runtimeConfig: null,
    });
  }

  const warnings: InventoryWarning[] = [];
  if (unidentified.length > 0) {
    const quoted = unidentified.slice(0, quotedSeriesLimit).map(describeSeries).join(", ");
    warnings.push({
      message: `${unidentified.length} series without the "${labels.instance}" label cannot be told apart and are not shown: ${quoted}`,
      instanceIds: [],
    });
  }
  if (duplicates.length > 0) {
    warnings.push({
      message: `instance label values seen on more than one target, only the first is shown: ${duplicates.slice(0, quotedSeriesLimit).join(", ")}`,
      instanceIds: [],
    });
  }
  const placementWarning = (ids: string[], label: string, where: string) => {
    if (ids.length > 0) {
      warnings.push({ message: `${count(ids.length)} without the "${label}" label, shown ${where}`, instanceIds: ids });
    }
  };
  placementWarning(missing.service, labels.service, `under service "${unlabelledServiceId}"`);
  placementWarning(missing.region, labels.region, `in region "${fallbackRegion}" (set defaults.region to name it)`);
  placementWarning(
    missing.cluster,
    labels.cluster,
    `in cluster "${fallbackCluster}" (set defaults.cluster to name it)`,
  );
  placementWarning(missing.zone, labels.zone, "in an unlabelled zone of their region");
  for (const target of input.targets ?? []) {
    if (target.health !== "down") continue;
    const instanceLabel = target.labels[labels.instance];
    const id = instanceLabel ? entityIdOf(instanceLabel) : null;
    const reason = target.lastError || "no reason given";
    warnings.push({
      message: `target ${describeSeries(target.labels)} is down: ${reason}`,
      instanceIds: id && instanceLabelValues.has(id) ? [id] : [],
    });
  }

  return {
    inventory: {
      regions: [...regions.values()],
      zones: [...zones.values()],
      clusters: [...clusters.values()],
      nodes: [...nodes.values()],
      services: [...services.values()],
      instances,
      warnings,
    },
    instanceLabelValues,
  };
}

/**
 * Where the instance serves net/http/pprof: the pprof URL label when its target or series has one,
 * else /debug/pprof at the scrape URL's origin (Go programs usually serve both on one port, as
 * etcd does). Null without a target, when nothing says where the process listens.
 */
function pprofUrlOf(series: LabelSet, target: ActiveTarget | undefined): string | null {
  const labelled = target?.labels[pprofUrlLabel] || series[pprofUrlLabel];
  if (labelled) return labelled;
  if (!target) return null;
  try {
    return `${new URL(target.scrapeUrl).origin}/debug/pprof`;
  } catch {
    return null;
  }
}

/**
 * A label value as an entity id (letters, digits, '.', '_', ':' and '-', at most 200): other
 * characters become '_', so [::1]:9090 reads _::1_:9090.
 */
export function entityIdOf(labelValue: string): string {
  return labelValue.replace(/[^A-Za-z0-9._:-]/g, "_").slice(0, 200);
}

/** The host of a host:port instance label ("10.0.0.7:8080" → "10.0.0.7", "[::1]:9090" → "::1"). */
export function hostOf(instanceLabel: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(instanceLabel);
  if (bracketed?.[1]) return bracketed[1];
  const hostPort = /^([^:]+):\d+$/.exec(instanceLabel);
  return hostPort?.[1] ?? instanceLabel;
}

function zoneIdOf(zoneValue: string, regionId: string, zones: Map<string, Zone>): string {
  const plain = entityIdOf(zoneValue);
  const existing = zones.get(plain);
  return existing === undefined || existing.regionId === regionId ? plain : entityIdOf(`${regionId}.${zoneValue}`);
}

/** Kubernetes service discovery leaves pod and namespace labels behind; anything else is a host. */
function clusterKindOf(series: LabelSet): ClusterKind {
  return series.pod !== undefined || series.namespace !== undefined ? "kubernetes" : "vm";
}

/** `{job="etcd", instance="127.0.0.1:2379"}`, without the metric name. */
export function describeSeries(series: LabelSet): string {
  const pairs = Object.entries(series)
    .filter(([name]) => name !== "__name__")
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return `{${pairs.join(", ")}}`;
}

function count(instances: number): string {
  return instances === 1 ? "1 instance" : `${instances} instances`;
}
