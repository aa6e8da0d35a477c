import {
  buildPlacementSnapshot,
  buildServiceGraph,
  type ClusterDetail,
  type ObservedGcSample,
  type PlacementPart,
  type PlacementSnapshot,
  type ServiceGraph,
} from "@fleetdeck/core";
import type { Clock, ClusterSource } from "@fleetdeck/sources";
import { NotFoundError } from "../infra/errors.ts";
import type { SourceRegistry } from "../sources/source-registry.ts";

/** Where a demo or other fleet source's clusters get their detail from. */
export interface FleetClusterDetails {
  /** The detail of every cluster the fleet source knows as of atMs, or of the one asked for. */
  clusterDetails(atMs: number, onlyClusterId?: string): Promise<ClusterDetail[]>;
}

/**
 * The topology views: every place and instance with its health (the placement map), calls
 * between services (the service graph), and one cluster as its own control plane sees it.
 */
export class TopologyService {
  constructor(
    private readonly registry: SourceRegistry,
    private readonly clusterSources: readonly ClusterSource[],
    private readonly fleetClusterDetails: FleetClusterDetails | null,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  async placement(): Promise<PlacementSnapshot> {
    const atMs = this.clock.nowMs();
    const [fleet, clusters] = await Promise.all([this.readFleetParts(atMs), this.readClusterParts()]);
    return buildPlacementSnapshot({
      atMs,
      parts: [...fleet.parts, ...clusters.parts],
      sourceErrors: [...fleet.errors, ...clusters.errors],
    });
  }

  async serviceGraph(regionId: string | null): Promise<ServiceGraph> {
    const atMs = this.clock.nowMs();
    const [placement, edgeAnswers] = await Promise.all([
      this.placement(),
      this.registry.gather("service edges", (source) => source.serviceEdges(atMs)),
    ]);
    if (regionId !== null && !placement.regions.some((r) => r.id === regionId)) {
      throw new NotFoundError(`no region with id "${regionId}"`);
    }
    return buildServiceGraph({
      atMs,
      services: placement.services,
      edges: edgeAnswers.flatMap((a) => a.value ?? []),
      instances: placement.instances,
      regionId,
    });
  }

  /**
   * Every cluster's detail that can be read now (or only the one asked for, which spares the demo
   * fleet sampling every other cluster), and the sources that failed.
   */
  async clusters(
    onlyClusterId?: string,
  ): Promise<{ clusters: ClusterDetail[]; sourceErrors: { sourceId: string; message: string }[] }> {
    const atMs = this.clock.nowMs();
    const fleetDetails = this.fleetClusterDetails;
    const answers = await Promise.all([
      ...(fleetDetails ? [this.settle("demo", () => fleetDetails.clusterDetails(atMs, onlyClusterId))] : []),
      ...this.clusterSources.map((source) => this.settle(source.id, () => source.clusterDetails())),
    ]);
    return {
      clusters: answers.flatMap((a) => a.value ?? []),
      sourceErrors: answers.flatMap((a) => (a.error === null ? [] : [{ sourceId: a.sourceId, message: a.error }])),
    };
  }

  async cluster(clusterId: string): Promise<ClusterDetail> {
    const { clusters, sourceErrors } = await this.clusters(clusterId);
    const found = clusters.find((c) => c.clusterId === clusterId);
    if (found) return found;
    const failed = sourceErrors.map((e) => `${e.sourceId}: ${e.message}`).join("; ");
    throw new NotFoundError(
      `no cluster with id "${clusterId}"${failed ? ` in the sources that answered (failed: ${failed})` : ""}`,
    );
  }

  /** Calls `onChange` when a cluster source notices a change; returns a stop function. */
  watchClusters(onChange: () => void): () => void {
    const stops = this.clusterSources.flatMap((source) => (source.watch ? [source.watch(onChange)] : []));
    return () => {
      for (const stop of stops) stop();
    };
  }

  private async readFleetParts(atMs: number) {
    const answers = await this.registry.gather("inventory and GC snapshot", async (source) => {
      const [inventory, samples] = await Promise.all([source.inventory(), source.gcSnapshot(atMs)]);
      this.registry.noteInventory(source.id, inventory);
      return { inventory, samples };
    });
    const parts: PlacementPart[] = [];
    const errors: { sourceId: string; message: string }[] = [];
    for (const answer of answers) {
      if (answer.value === null) {
        errors.push({ sourceId: answer.source.id, message: answer.error ?? "no answer" });
        continue;
      }
      const samples = new Map<string, ObservedGcSample>();
      for (const sample of answer.value.samples) samples.set(sample.instanceId, sample);
      parts.push({ sourceId: answer.source.id, inventory: answer.value.inventory, samples });
    }
    return { parts, errors };
  }

  private async readClusterParts() {
    const answers = await Promise.all(
      this.clusterSources.map((source) => this.settle(source.id, () => source.inventory())),
    );
    const parts: PlacementPart[] = [];
    const errors: { sourceId: string; message: string }[] = [];
    for (const answer of answers) {
      if (answer.value === null) {
        errors.push({ sourceId: answer.sourceId, message: answer.error ?? "no answer" });
        continue;
      }
      const { instanceUp, nodeReady, instanceLabels, ...inventory } = answer.value;
      parts.push({ sourceId: answer.sourceId, inventory, instanceUp, nodeReady, instanceLabels });
    }
    return { parts, errors };
  }

  /** One cluster source call under the per-source timeout; a failure becomes its message. */
  private async settle<T>(
    sourceId: string,
    read: () => Promise<T>,
  ): Promise<{ sourceId: string; value: T | null; error: string | null }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return { sourceId, value: await Promise.race([read(), timeout]), error: null };
    } catch (error) {
      return { sourceId, value: null, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
