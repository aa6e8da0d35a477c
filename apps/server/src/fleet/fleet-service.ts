import {
  catalogFleet,
  classifyInstanceHealth,
  type FleetOverview,
  mergeServiceEdges,
  type ObservedGcSample,
  type ObservedInstance,
  scopeInventoryToRegion,
  summarizeFleet,
} from "@fleetdeck/core";
import type { Clock } from "@fleetdeck/sources";
import { NotFoundError, SourceUnavailableError } from "../infra/errors.ts";
import type { SourceRegistry, SourceStatus } from "../sources/source-registry.ts";
import { mergeInventories } from "./merge-inventories.ts";

export interface OverviewAnswer {
  /** Null only when no source answered at all. */
  overview: FleetOverview | null;
  sources: SourceStatus[];
}

/** Reads the fleet through every source and shapes it for the console's pages. */
export class FleetService {
  constructor(
    private readonly registry: SourceRegistry,
    private readonly clock: Clock,
  ) {}

  nowMs(): number {
    return this.clock.nowMs();
  }

  /** The fleet's front page, or one region's when regionId is given. */
  async overview(regionId?: string): Promise<OverviewAnswer> {
    const atMs = this.clock.nowMs();
    const { inventory, samples, answered } = await this.registry.readFleet(atMs);
    if (!answered) return { overview: null, sources: this.registry.statusList() };
    const scoped = regionId === undefined ? inventory : scopeInventoryToRegion(inventory, regionId);
    if (!scoped) throw new NotFoundError(`no region with id "${regionId}"`);
    return { overview: summarizeFleet(scoped, samples, { atMs }), sources: this.registry.statusList() };
  }

  /** Every region, cluster and service with counts: no metrics, so it is cheap to ask often. */
  async catalog() {
    const answers = await this.registry.gather("inventory", async (source) => {
      const inventory = await source.inventory();
      this.registry.noteInventory(source.id, inventory);
      return inventory;
    });
    const inventories = answers.flatMap((a) => (a.value ? [a.value] : []));
    return {
      catalog: inventories.length > 0 ? catalogFleet(mergeInventories(inventories)) : null,
      sources: this.registry.statusList(),
    };
  }

  async service(serviceId: string) {
    const atMs = this.clock.nowMs();
    const { inventory, samples } = await this.readFleetOrFail(atMs, (i) => i.serviceId === serviceId);
    const service = inventory.services.find((s) => s.id === serviceId);
    if (!service) throw new NotFoundError(`no service with id "${serviceId}"`);
    const instances = inventory.instances
      .filter((i) => i.serviceId === serviceId)
      .map((instance) => withSample(instance, samples.get(instance.id)));
    // Sources split calls per region pair; the service's page lists each caller and callee once.
    const edges = mergeServiceEdges(
      (await this.registry.gather("service edges", (s) => s.serviceEdges(atMs)))
        .flatMap((answer) => answer.value ?? [])
        .filter((e) => e.fromServiceId === serviceId || e.toServiceId === serviceId),
    );
    return { atMs, service, instances, edges, sources: this.registry.statusList() };
  }

  async instance(instanceId: string) {
    const atMs = this.clock.nowMs();
    const { inventory, samples } = await this.readFleetOrFail(atMs, (i) => i.id === instanceId);
    const instance = inventory.instances.find((i) => i.id === instanceId);
    if (!instance) throw new NotFoundError(`no instance with id "${instanceId}"`);
    return {
      atMs,
      ...withSample(instance, samples.get(instance.id)),
      service: inventory.services.find((s) => s.id === instance.serviceId) ?? null,
      cluster: inventory.clusters.find((c) => c.id === instance.clusterId) ?? null,
      region: inventory.regions.find((r) => r.id === instance.regionId) ?? null,
      node: inventory.nodes.find((n) => n.id === instance.nodeId) ?? null,
      sources: this.registry.statusList(),
    };
  }

  /** For pages about one entity: with no source answering, "not found" would be a lie. */
  private async readFleetOrFail(atMs: number, only: (instance: ObservedInstance) => boolean) {
    const fleet = await this.registry.readFleet(atMs, only);
    if (!fleet.answered) {
      const reasons = this.registry.statusList().map((s) => `${s.sourceId}: ${s.error ?? "no answer"}`);
      throw new SourceUnavailableError(`no control-plane source answered (${reasons.join("; ")})`);
    }
    return fleet;
  }

  private readFleet(atMs: number, only?: (instance: ObservedInstance) => boolean) {
    return this.registry.readFleet(atMs, only);
  }
}

function withSample(instance: ObservedInstance, sample: ObservedGcSample | undefined) {
  return {
    instance,
    sample: sample ?? null,
    health: sample ? classifyInstanceHealth(instance, sample) : null,
  };
}
