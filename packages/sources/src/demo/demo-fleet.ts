import { setTimeout as sleep } from "node:timers/promises";
import type { ChangePatch, ClusterDetail, DesiredConfig, GcSample, Inventory, ServiceEdge } from "@fleetdeck/core";
import { systemClock } from "../clock.ts";
import type { Clock, FleetSource, ProfileCaptureRequest, TimeRange } from "../fleet-source.ts";
import { assertCpuProfileSeconds, pprofProfileUrl } from "../profiles/fetch-pprof-profile.ts";
import { type CaptureTarget, ProfileCaptureCancelled } from "../profiles/profile-capture-errors.ts";
import { planCallRoutes } from "./call-routes.ts";
import { ConfigHistory, DemoConfigEvent } from "./config-history.ts";
import { demoClusterDetails } from "./demo-cluster-details.ts";
import { buildDemoProfile } from "./demo-profiles.ts";
import { type DemoProfileState, demoProfileState } from "./demo-profiles-state.ts";
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
import { hashCombine, keyFor } from "./random.ts";
import { seriesTimestamps } from "./series-timestamps.ts";
import { serviceEdgesAt } from "./service-graph.ts";
import { requestsPerSecondAt } from "./traffic.ts";
import { simulateGcSample } from "./workload.ts";

/** What the server persists and hands back on start: the fleet's inputs beyond its seed. */
export interface DemoFleetHistory {
  configEvents?: readonly DemoConfigEvent[];
  faults?: readonly DemoFault[];
}

export type DemoFleetOptions = DemoFleetShape & DemoFleetHistory & { clock?: Clock };

/** Demo profiles change every 10 s of demo time; within one bucket a capture repeats exactly. */
const profileBucketMs = 10_000;

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
    /** "Now" for profile captures, which have no instant of their own: the demo clock in the server. */
    private readonly clock: Clock = systemClock,
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

  /** Calls per service pair and region pair: each region's callers call the callee where call-routes.ts sends them. */
  async serviceEdges(atMs: number): Promise<ServiceEdge[]> {
    this.assertReachable();
    assertInstant(atMs);
    const { services, regions } = this.fleet.inventory;
    const regionCount = regions.length;
    const rps = new Float64Array(services.length * regionCount);
    const peakRps = new Float64Array(rps.length);
    const present = new Uint8Array(rps.length);
    for (const workload of this.fleet.workloads) {
      const slot = workload.serviceIndex * regionCount + workload.regionIndex;
      rps[slot]! += requestsPerSecondAt(workload, atMs);
      peakRps[slot]! += workload.peakRps;
      present[slot] = 1;
    }
    const serviceRegions = services.map((_, serviceIndex) =>
      regions.flatMap((_, regionIndex) => (present[serviceIndex * regionCount + regionIndex] ? [regionIndex] : [])),
    );
    const routes = planCallRoutes(this.fleet.calls, serviceRegions, regions);
    const loadRatio = rps.map((value, slot) => value / (peakRps[slot] || 1));
    return serviceEdgesAt(
      this.fleet.calls,
      routes,
      services,
      regions,
      { regionCount, rps, loadRatio },
      this.faultStress(atMs),
      atMs,
    );
  }

  /** Every demo cluster as its own control plane would describe it at atMs. */
  async clusterDetails(atMs: number, onlyClusterId?: string): Promise<ClusterDetail[]> {
    this.assertReachable();
    assertInstant(atMs);
    return demoClusterDetails(
      this.fleet,
      atMs,
      (index) => this.sampleAt(index, atMs),
      (index) => this.faultBook.faultsOf(index),
      onlyClusterId,
    );
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

  /** Applies a runtime patch, or a change patch with config-centre keys, from atMs on (which may be ahead). */
  async applyRuntimeConfig(instanceIds: readonly string[], patch: ChangePatch, atMs: number): Promise<void> {
    this.assertReachable();
    this.recordConfigEvent(DemoConfigEvent.parse({ atMs, instanceIds: [...instanceIds], patch }));
  }

  /**
   * A profile of one instance as its net/http/pprof would serve it (gzipped profile.proto), made
   * from its simulated state when the capture starts. A CPU capture takes its seconds of wall
   * time, as a real one does, so progress and cancellation behave as they would; the other kinds
   * answer at once.
   */
  async captureProfile(instanceId: string, request: ProfileCaptureRequest, signal: AbortSignal): Promise<Uint8Array> {
    this.assertReachable();
    const index = this.directory.indexOf(instanceId);
    const instance = this.fleet.inventory.instances[index]!;
    const target: CaptureTarget = {
      url: pprofProfileUrl(instance.pprofUrl, request.kind, request.seconds),
      instanceId,
    };
    if (signal.aborted) throw new ProfileCaptureCancelled(target);
    const startMs = this.clock.nowMs();
    const state = this.profileState(index, request, startMs);
    if (request.kind === "cpu") {
      try {
        await sleep(request.seconds * 1000, undefined, { signal });
      } catch (error) {
        if (signal.aborted) throw new ProfileCaptureCancelled(target);
        throw error;
      }
    }
    return buildDemoProfile(state, request, startMs);
  }

  /** The profile a capture starting at atMs returns, at once: the same within a 10 s bucket but for its time. */
  profileAt(instanceId: string, request: ProfileCaptureRequest, atMs: number): Uint8Array {
    this.assertReachable();
    assertInstant(atMs);
    if (request.kind === "cpu") assertCpuProfileSeconds(request.seconds);
    return buildDemoProfile(this.profileState(this.directory.indexOf(instanceId), request, atMs), request, atMs);
  }

  /**
   * An instance's whole config in force at atMs. Patches may be dated ahead (an instance picking
   * up its config a few seconds after it was set), so a late enough atMs gives what it was told.
   */
  configAt(instanceId: string, atMs: number): DesiredConfig {
    return this.history.desiredConfigAt(this.directory.indexOf(instanceId), atMs);
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

  /** The service an instance belongs to; undefined for an id the fleet does not have. */
  serviceOf(instanceId: string): string | undefined {
    const index = this.directory.has(instanceId) ? this.directory.indexOf(instanceId) : -1;
    return this.fleet.inventory.instances[index]?.serviceId;
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

  /** The instance's state at the start of tMs's bucket, so every capture in a bucket reads alike. */
  private profileState(index: number, request: ProfileCaptureRequest, tMs: number): DemoProfileState {
    assertInstant(tMs);
    const workload = this.fleet.workloads[index]!;
    const instance = this.fleet.inventory.instances[index]!;
    const bucket = Math.floor(tMs / profileBucketMs);
    const bucketMs = bucket * profileBucketMs;
    const faults = this.faultBook.faultsOf(index);
    const effects = faults.length === 0 ? unaffected : faultEffectsAt(faults, workload, bucketMs, noFaultEffects());
    const randomKey = hashCombine(keyFor(this.fleet.seed, "profile", instance.id, request.kind), bucket);
    return demoProfileState(instance.serviceId, workload, this.sampleAt(index, bucketMs), effects, randomKey);
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
  const { configEvents, faults, clock, ...shape } = options;
  return new DemoFleet(generateDemoFleet(shape), { configEvents, faults }, clock);
}
