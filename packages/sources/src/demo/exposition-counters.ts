import type { GcSample, PauseQuantiles } from "@fleetdeck/core";
import type { TimeRange } from "../fleet-source.ts";
import { type GoRuntimeCounters, pauseHistogramBoundsSeconds } from "./exposition.ts";
import { maxSeriesPoints } from "./series-timestamps.ts";

/** Samples of one instance at every multiple of stepMs in the range: DemoFleet.gcSeries. */
export type DemoSeriesReader = (instanceId: string, range: TimeRange) => Promise<GcSample[]>;

/**
 * The demo fleet's counters (GC cycles, pause time, bytes allocated, CPU-seconds) as Prometheus
 * scrapes them: integrals since process start of the rates the demo model reports.
 *
 * The integral is a left Riemann sum on a fixed grid (multiples of stepMs) plus the current
 * cell's rate times the time into it. That makes each counter a function of time alone —
 * whatever the scrape times, the same instant reads the same value — and monotonic, since every
 * rate is non-negative, and its rate over any window is the model's rate averaged over that
 * window. Sampling the model itself (rate × elapsed time) would not be monotonic when rates fall.
 * Each instance keeps its running total, so a scrape only integrates the cells since the last one.
 */
export class DemoCounterIntegrator {
  private readonly startMs: number;
  private readonly states = new Map<string, InstanceIntegral>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    processStartMs: number,
    /** One model evaluation per instance per step: with a demo clock faster than real time, raise it. */
    private readonly stepMs: number,
    private readonly readSeries: DemoSeriesReader,
  ) {
    if (!(stepMs >= 1_000)) throw new Error(`the counter integration step must be at least 1000 ms (got ${stepMs})`);
    this.startMs = Math.floor(processStartMs / stepMs) * stepMs;
  }

  get processStartMs(): number {
    return this.startMs;
  }

  /** The counters of one instance at tMs; calls for the same instance run one after another. */
  countersAt(instanceId: string, tMs: number): Promise<GoRuntimeCounters> {
    const previous = this.queues.get(instanceId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.integrate(instanceId, tMs));
    this.queues.set(instanceId, next);
    return next;
  }

  private async integrate(instanceId: string, tMs: number): Promise<GoRuntimeCounters> {
    if (tMs < this.startMs) return countersFrom(new Float64Array(rateCount));
    let state = this.states.get(instanceId);
    if (!state || tMs < state.gridMs) {
      const [first] = await this.readSeries(instanceId, {
        startMs: this.startMs,
        endMs: this.startMs,
        stepMs: this.stepMs,
      });
      if (!first) throw new Error(`no demo sample of "${instanceId}" at ${this.startMs}`);
      state = { gridMs: this.startMs, totals: new Float64Array(rateCount), rates: counterRates(first) };
      this.states.set(instanceId, state);
    }
    const cellMs = this.startMs + Math.floor((tMs - this.startMs) / this.stepMs) * this.stepMs;
    while (state.gridMs < cellMs) {
      const endMs = Math.min(cellMs, state.gridMs + this.stepMs * (maxSeriesPoints - 1));
      const samples = await this.readSeries(instanceId, {
        startMs: state.gridMs + this.stepMs,
        endMs,
        stepMs: this.stepMs,
      });
      for (const sample of samples) {
        addScaled(state.totals, state.rates, (sample.timestampMs - state.gridMs) / 1000);
        state.rates = counterRates(sample);
        state.gridMs = sample.timestampMs;
      }
      if (samples.length === 0) break;
    }
    const totals = Float64Array.from(state.totals);
    addScaled(totals, state.rates, (tMs - state.gridMs) / 1000);
    return countersFrom(totals);
  }
}

interface InstanceIntegral {
  /** The grid point the totals reach. */
  gridMs: number;
  totals: Float64Array;
  /** The rates at gridMs, which hold until the next grid point. */
  rates: Float64Array;
}

const bucketOffset = 6;
const rateCount = bucketOffset + pauseHistogramBoundsSeconds.length;

/** Per second: cycles, pause seconds, bytes, CPU, GC CPU, total CPU, then pauses per bucket bound. */
export function counterRates(sample: GcSample): Float64Array {
  const rates = new Float64Array(rateCount);
  const cycles = sample.gcCyclesPerSecond;
  rates[0] = cycles;
  rates[1] = cycles * meanPauseSeconds(sample.pause);
  rates[2] = sample.allocRateBytesPerSecond;
  rates[3] = sample.cpuUsageCores;
  rates[4] = sample.gcCpuCores;
  rates[5] = sample.gomaxprocs;
  pauseHistogramBoundsSeconds.forEach((bound, index) => {
    rates[bucketOffset + index] = cycles * pauseShareAtMost(sample.pause, bound);
  });
  return rates;
}

function countersFrom(totals: Float64Array): GoRuntimeCounters {
  return {
    gcCycles: totals[0] ?? 0,
    gcPauseSeconds: totals[1] ?? 0,
    allocatedBytes: totals[2] ?? 0,
    cpuSeconds: totals[3] ?? 0,
    gcCpuSeconds: totals[4] ?? 0,
    totalCpuSeconds: totals[5] ?? 0,
    pauseBucketCounts: Array.from(totals.subarray(bucketOffset)),
  };
}

function addScaled(totals: Float64Array, rates: Float64Array, seconds: number) {
  for (let index = 0; index < totals.length; index++) totals[index]! += (rates[index] ?? 0) * seconds;
}

/** The pause quantiles as points of the quantile function, p → seconds. */
function quantilePoints(pause: PauseQuantiles): [number, number][] {
  return [
    [0, pause.minSeconds],
    [0.25, pause.p25Seconds],
    [0.5, pause.p50Seconds],
    [0.75, pause.p75Seconds],
    [0.99, pause.p99Seconds],
    [1, pause.maxSeconds],
  ];
}

/** The mean pause: the area under the quantile function, taken as linear between the known quantiles. */
export function meanPauseSeconds(pause: PauseQuantiles): number {
  const points = quantilePoints(pause);
  let area = 0;
  for (let index = 1; index < points.length; index++) {
    const [p0, q0] = points[index - 1] as [number, number];
    const [p1, q1] = points[index] as [number, number];
    area += ((q0 + q1) / 2) * (p1 - p0);
  }
  return area;
}

/** The share of pauses no longer than `seconds`: the same linear quantile function, inverted. */
export function pauseShareAtMost(pause: PauseQuantiles, seconds: number): number {
  const points = quantilePoints(pause);
  if (seconds < pause.minSeconds) return 0;
  if (seconds >= pause.maxSeconds) return 1;
  for (let index = 1; index < points.length; index++) {
    const [p0, q0] = points[index - 1] as [number, number];
    const [p1, q1] = points[index] as [number, number];
    if (seconds < q1) return q1 === q0 ? p1 : p0 + ((seconds - q0) / (q1 - q0)) * (p1 - p0);
  }
  return 1;
}
