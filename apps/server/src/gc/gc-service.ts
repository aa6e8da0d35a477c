import {
  buildComparePanel,
  buildGcLeaderboard,
  buildGcPanels,
  type ConfigChangeMarker,
  chooseStepMs,
  configChangeMarkers,
  type GcLeaderboardQuery,
  type GcSeriesMetric,
  mergeConfigChangeMarkers,
  type ObservedGcSample,
  type ObservedInstance,
  SampleFolder,
} from "@fleetdeck/core";
import type { Clock, ObservedFleetSource, TimeRange } from "@fleetdeck/sources";
import { InvalidRequestError, NotFoundError } from "../infra/errors.ts";
import type { SourceRegistry } from "../sources/source-registry.ts";

export interface SeriesWindow {
  startMs: number;
  endMs: number;
  /** Points per chart the browser can show (about its width in pixels). */
  maxPoints: number;
}

/** What a caller may ask for: an absolute window, or the last `lastMs` before the fleet's now. */
export type SeriesWindowInput = SeriesWindow | { lastMs: number; maxPoints: number };

/** One line of a compare chart: an instance, or a service (optionally within one region). */
export type CompareSubject =
  | { kind: "instance"; instanceId: string }
  | { kind: "service"; serviceId: string; regionId?: string };

/**
 * An instance series is sampled at twice the chart's points, so that LTTB has a choice and keeps
 * the spikes; an aggregate over many instances at the chart's points, since it costs one sample
 * per instance per step.
 */
const instanceOversampling = 2;

/** Instance series fetched at once while folding a service: bounds memory and load on the source. */
const seriesBatchSize = 64;

/** Answers the GC pages: leaderboards at a moment, charts over a range, compare overlays. */
export class GcService {
  constructor(
    private readonly registry: SourceRegistry,
    private readonly clock: Clock,
  ) {}

  async leaderboard(query: GcLeaderboardQuery & { atMs?: number }) {
    const atMs = query.atMs ?? this.clock.nowMs();
    const { inventory, samples, answered } = await this.registry.readFleet(atMs, scopeOf(query));
    const leaderboard = answered ? buildGcLeaderboard(inventory, samples, query) : null;
    return { atMs, leaderboard, sources: this.registry.statusList() };
  }

  async instanceSeries(instanceId: string, requested: SeriesWindowInput) {
    const window = this.resolve(requested);
    const range = rangeOf(window, instanceOversampling * window.maxPoints);
    const { source, inventory } = await this.registry.sourceHolding(
      (i) => i.instances.some((x) => x.id === instanceId),
      `instance "${instanceId}"`,
    );
    const instance = inventory.instances.find((i) => i.id === instanceId);
    const samples = await this.registry.call(source, "GC series", (s) => s.gcSeries(instanceId, range));
    return {
      instance,
      service: inventory.services.find((s) => s.id === instance?.serviceId) ?? null,
      range,
      panels: buildGcPanels(samples, window.maxPoints),
      markers: configChangeMarkers(samples),
      missing: MissingNotes.of(samples),
      sources: this.registry.statusList(),
    };
  }

  /** A service's charts: its instances folded per step, across the fleet or within one region. */
  async serviceSeries(serviceId: string, requested: SeriesWindowInput, regionId?: string) {
    const window = this.resolve(requested);
    const range = rangeOf(window, window.maxPoints);
    const { source, inventory } = await this.registry.sourceHolding(
      (i) => i.services.some((s) => s.id === serviceId),
      `service "${serviceId}"`,
    );
    const instances = inventory.instances.filter(
      (i) => i.serviceId === serviceId && (regionId === undefined || i.regionId === regionId),
    );
    if (regionId !== undefined && instances.length === 0) {
      throw new NotFoundError(`service "${serviceId}" has no instances in region "${regionId}"`);
    }
    const folded = await this.foldSeries(
      source,
      serviceId,
      instances.map((i) => i.id),
      range,
    );
    return {
      service: inventory.services.find((s) => s.id === serviceId),
      regionIds: [...new Set(inventory.instances.filter((i) => i.serviceId === serviceId).map((i) => i.regionId))],
      instances: instances.length,
      range,
      panels: buildGcPanels(folded.samples, window.maxPoints),
      markers: folded.markers,
      missing: folded.missing,
      sources: this.registry.statusList(),
    };
  }

  /** One metric for several instances or services on one chart. */
  async compare(metric: GcSeriesMetric, subjects: readonly CompareSubject[], requested: SeriesWindowInput) {
    const window = this.resolve(requested);
    const range = rangeOf(window, window.maxPoints);
    const lines = await Promise.all(
      subjects.map(async (subject) => {
        if (subject.kind === "instance") {
          const { source } = await this.registry.sourceHolding(
            (i) => i.instances.some((x) => x.id === subject.instanceId),
            `instance "${subject.instanceId}"`,
          );
          const samples = await this.registry.call(source, "GC series", (s) => s.gcSeries(subject.instanceId, range));
          return { key: subject.instanceId, samples };
        }
        const { source, inventory } = await this.registry.sourceHolding(
          (i) => i.services.some((s) => s.id === subject.serviceId),
          `service "${subject.serviceId}"`,
        );
        const ids = inventory.instances
          .filter(
            (i) =>
              i.serviceId === subject.serviceId && (subject.regionId === undefined || i.regionId === subject.regionId),
          )
          .map((i) => i.id);
        const key = subject.regionId === undefined ? subject.serviceId : `${subject.serviceId}@${subject.regionId}`;
        return { key, samples: (await this.foldSeries(source, key, ids, range)).samples };
      }),
    );
    return { range, panel: buildComparePanel(lines, metric, window.maxPoints), sources: this.registry.statusList() };
  }

  /** A relative window ends at the fleet's now, read once per request. */
  private resolve(window: SeriesWindowInput): SeriesWindow {
    if (!("lastMs" in window)) return window;
    const endMs = this.clock.nowMs();
    return { startMs: Math.max(0, endMs - window.lastMs), endMs, maxPoints: window.maxPoints };
  }

  /**
   * Instances' series folded into one as they arrive, a batch at a time, so that a service of
   * thousands of instances over a week never holds all their samples at once.
   */
  private async foldSeries(source: ObservedFleetSource, key: string, instanceIds: readonly string[], range: TimeRange) {
    const folder = new SampleFolder(key);
    const markers: ConfigChangeMarker[][] = [];
    const missing = new MissingNotes();
    await this.registry.call(source, "GC series", async (s) => {
      for (let i = 0; i < instanceIds.length; i += seriesBatchSize) {
        const batch = instanceIds.slice(i, i + seriesBatchSize);
        for (const series of await Promise.all(batch.map((id) => s.gcSeries(id, range)))) {
          folder.add(series);
          markers.push(configChangeMarkers(series));
          missing.add(series);
        }
      }
    });
    return { samples: folder.result(), markers: mergeConfigChangeMarkers(markers), missing: missing.list() };
  }

  /** The source that knows the entity; "not found" only when every source answered. */
}

const maxRangeMs = 31 * 24 * 3_600_000;

function rangeOf(window: SeriesWindow, points: number): TimeRange {
  const span = window.endMs - window.startMs;
  if (!(span > 0)) throw new InvalidRequestError("range: the end must be after the start");
  if (span > maxRangeMs) throw new InvalidRequestError("range: at most 31 days at a time");
  const stepMs = chooseStepMs(span, points);
  // Aligned to the step, so that every instance's samples share timestamps.
  const startMs = Math.floor(window.startMs / stepMs) * stepMs;
  const endMs = Math.floor(window.endMs / stepMs) * stepMs;
  return { startMs, endMs: Math.max(endMs, startMs), stepMs };
}

/** The instances a scoped leaderboard reads, or undefined for the whole fleet. */
function scopeOf(query: GcLeaderboardQuery): ((instance: ObservedInstance) => boolean) | undefined {
  if (query.regionId === undefined && query.clusterId === undefined && query.serviceId === undefined) return undefined;
  return (i) =>
    (query.regionId === undefined || i.regionId === query.regionId) &&
    (query.clusterId === undefined || i.clusterId === query.clusterId) &&
    (query.serviceId === undefined || i.serviceId === query.serviceId);
}

/** Which metrics a source could not give, each said once, with the instances it concerns. */
class MissingNotes {
  static of(samples: readonly ObservedGcSample[]) {
    const notes = new MissingNotes();
    notes.add(samples);
    return notes.list();
  }

  private readonly byMessage = new Map<string, { field: string; message: string; instanceIds: Set<string> }>();

  add(samples: readonly ObservedGcSample[]) {
    for (const sample of samples) {
      for (const note of sample.notes ?? []) {
        if (note.kind !== "missing") continue;
        const key = `${note.field}|${note.message}`;
        const entry = this.byMessage.get(key) ?? { field: note.field, message: note.message, instanceIds: new Set() };
        entry.instanceIds.add(sample.instanceId);
        this.byMessage.set(key, entry);
      }
    }
  }

  list() {
    return [...this.byMessage.values()].map((e) => ({
      field: e.field,
      message: e.message,
      instanceIds: [...e.instanceIds],
    }));
  }
}
