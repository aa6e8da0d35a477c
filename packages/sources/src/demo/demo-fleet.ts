import type { GcSample, Inventory, RuntimeConfigPatch, ServiceEdge } from "@fleetdeck/core";
import type { FleetSource, TimeRange } from "../fleet-source.ts";
import { ConfigHistory, DemoConfigEvent } from "./config-history.ts";
import { FaultBook } from "./fault-book.ts";
import {
  type DemoFault,
  type DemoFaultRequest,
  type FaultEffects,
  faultEffectsAt,
  isFaultActiveAt,
  noFaultEffects,
} from "./faults.ts";
import { type DemoFleetShape, generateDemoFleet } from "./generate-fleet.ts";
import type { GeneratedDemoFleet } from "./generated-fleet.ts";
import { InstanceDirectory } from "./instance-directory.ts";
import { seriesTimestamps } from "./series-timestamps.ts";
import { serviceEdgesAt } from "./service-graph.ts";
import { requestsPerSecondAt } from "./traffic.ts";
import { simulateGcSample } from "./workload.ts";

/** What the server persists and hands back on start: the fleet's inputs beyond its seed. */
export interface DemoFleetHistory {
  configEvents?: readonly DemoConfigEvent[];
  faults?: readonly DemoFault[];
}

export type DemoFleetOptions = DemoFleetShape & DemoFleetHistory;

/** The effects of no fault, shared by the (many) instances without one. */
const unaffected: Readonly<FaultEffects> = Object.freeze(noFaultEffects());

/**
 * The embedded default control plane: a generated fleet whose metrics are a pure function of
 * (seed, instance, time, config history, faults). Nothing is sampled or stored; any instant of
 * any instance is computed when asked, so ranges in the past and the future answer alike.
 *
 * The inventory shows each instance's config at process start; the config in force at a time is
 * in that time's GcSample (gogc, gomaxprocs, memoryLimitBytes).
 */
export class DemoFleet implements FleetSource {
  readonly id = "demo";
  readonly kind = "demo" as const;
  private outage: string | null = null;
  private readonly directory: InstanceDirectory;
  private readonly history: ConfigHistory;
  private readonly faultBook: FaultBook;
  /** Reused by every sample: effects are read synchronously, so one scratch object is enough. */
  private readonly scratchEffects = noFaultEffects();

  constructor(
    private readonly fleet: GeneratedDemoFleet,
    history: DemoFleetHistory = {},
  ) {
    this.directory = new InstanceDirectory(fleet.inventory);
    this.history = new ConfigHistory(fleet.workloads.map((workload) => workload.baseConfig));
    this.faultBook = new FaultBook(this.directory);
    for (const event of history.configEvents ?? []) this.recordConfigEvent(DemoConfigEvent.parse(event));
    for (const fault of history.faults ?? []) this.faultBook.load(fault);
  }

  get seed(): number {
    return this.fleet.seed;
  }

  /** The message of the simulated outage, or null while the control plane answers. */
  get outageMessage(): string | null {
    return this.outage;
  }

  /** While set, every FleetSource call rejects; fault and outage controls keep working. */
  setOutage(message: string | null): void {
    this.outage = message;
  }

  async ping(): Promise<void> {
    this.assertReachable();
  }

  async inventory(): Promise<Inventory> {
    this.assertReachable();
    return this.fleet.inventory;
  }

  async serviceEdges(atMs: number): Promise<ServiceEdge[]> {
    this.assertReachable();
    assertInstant(atMs);
    const serviceCount = this.fleet.inventory.services.length;
    const rps = new Float64Array(serviceCount);
    const peakRps = new Float64Array(serviceCount);
    for (const workload of this.fleet.workloads) {
      rps[workload.serviceIndex]! += requestsPerSecondAt(workload, atMs);
      peakRps[workload.serviceIndex]! += workload.peakRps;
    }
    const load = rps.map((value, index) => value / (peakRps[index] || 1));
    return serviceEdgesAt(this.fleet.calls, this.fleet.inventory.services, rps, load, this.faultStress(atMs), atMs);
  }

  async gcSnapshot(atMs: number, instanceIds?: readonly string[]): Promise<GcSample[]> {
    this.assertReachable();
    assertInstant(atMs);
    if (instanceIds) return this.directory.indexesOf(instanceIds).map((index) => this.sampleAt(index, atMs));
    const count = this.fleet.workloads.length;
    const samples = new Array<GcSample>(count);
    for (let index = 0; index < count; index++) samples[index] = this.sampleAt(index, atMs);
    return samples;
  }

  async gcSeries(instanceId: string, range: TimeRange): Promise<GcSample[]> {
    this.assertReachable();
    const index = this.directory.indexOf(instanceId);
    return seriesTimestamps(range).map((tMs) => this.sampleAt(index, tMs));
  }

  async applyRuntimeConfig(instanceIds: readonly string[], patch: RuntimeConfigPatch, atMs: number): Promise<void> {
    this.assertReachable();
    this.recordConfigEvent(DemoConfigEvent.parse({ atMs, instanceIds: [...instanceIds], patch }));
  }

  /** Every applied config change, in the order applied: persist these and pass them back on start. */
  configEvents(): DemoConfigEvent[] {
    return this.history.events();
  }

  /** Validates the request (DemoFaultRequest) and returns the new fault's id. */
  injectFault(request: DemoFaultRequest): string {
    return this.faultBook.inject(request).id;
  }

  clearFault(faultId: string, atMs: number): void {
    this.faultBook.clear(faultId, atMs);
  }

  faults(): DemoFault[] {
    return this.faultBook.list();
  }

  /** The fleet's size; known to the console itself, so it answers during an outage too. */
  instanceCount(): number {
    return this.fleet.inventory.instances.length;
  }

  /** Throws an Error naming every id the fleet does not have; checks nothing else. */
  assertInstancesExist(instanceIds: readonly string[]): void {
    this.directory.indexesOf(instanceIds);
  }

  private recordConfigEvent(event: DemoConfigEvent) {
    assertInstant(event.atMs);
    this.history.apply(event, this.directory.indexesOf(event.instanceIds));
  }

  private sampleAt(index: number, tMs: number): GcSample {
    const workload = this.fleet.workloads[index]!;
    const faults = this.faultBook.faultsOf(index);
    const effects = faults.length === 0 ? unaffected : faultEffectsAt(faults, workload, tMs, this.scratchEffects);
    return simulateGcSample(workload, this.history.configAt(index, tMs), effects, tMs);
  }

  /** Share of each service's instances under an active fault: what its callers feel. */
  private faultStress(atMs: number): Float64Array {
    const { workloads } = this.fleet;
    const instanceCounts = new Float64Array(this.fleet.inventory.services.length);
    for (const workload of workloads) instanceCounts[workload.serviceIndex]! += 1;
    const affected = new Float64Array(instanceCounts.length);
    for (const fault of this.faultBook.list()) {
      if (!isFaultActiveAt(fault, atMs)) continue;
      for (const index of this.faultBook.instancesOf(fault.id)) {
        const serviceIndex = workloads[index]!.serviceIndex;
        affected[serviceIndex]! += 1 / (instanceCounts[serviceIndex] || 1);
      }
    }
    return affected.map((share) => Math.min(1, share));
  }

  private assertReachable() {
    if (this.outage !== null) throw new Error(`demo control plane unavailable: ${this.outage}`);
  }
}

function assertInstant(atMs: number) {
  if (!Number.isFinite(atMs)) throw new Error(`a demo fleet instant must be a finite number of ms (got ${atMs})`);
}

/** Generates the fleet for a seed and shape, then replays any persisted config events and faults. */
export function createDemoFleet(options: DemoFleetOptions): DemoFleet {
  const { configEvents, faults, ...shape } = options;
  return new DemoFleet(generateDemoFleet(shape), { configEvents, faults });
}
