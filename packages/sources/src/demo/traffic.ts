import type { InstanceWorkload } from "./generated-fleet.ts";
import { valueNoise } from "./smooth-noise.ts";

const hourMs = 3_600_000;

/** Night-time traffic as a share of the peak: consumer services keep a quarter of it at 4 a.m. */
const daytimeTroughRatio = 0.25;
const nightShiftTroughRatio = 0.1;
/** The quietest local hour; the busiest is twelve hours later (4 p.m.). */
const troughLocalHour = 4;

export function localHourAt(utcOffsetHours: number, tMs: number): number {
  const hours = (tMs / hourMs + utcOffsetHours) % 24;
  return hours < 0 ? hours + 24 : hours;
}

/**
 * Diurnal load, 0..1 of the daily peak: a raised cosine over the local day. Batch work
 * (nightShift) runs the other way round, busiest at night when interactive traffic is low.
 */
export function diurnalFactor(utcOffsetHours: number, nightShift: boolean, tMs: number): number {
  const phase = ((localHourAt(utcOffsetHours, tMs) - troughLocalHour) / 24) * 2 * Math.PI;
  const daylight = 0.5 - 0.5 * Math.cos(phase);
  const activity = nightShift ? 1 - daylight : daylight;
  const trough = nightShift ? nightShiftTroughRatio : daytimeTroughRatio;
  return trough + (1 - trough) * activity;
}

/**
 * Load relative to the instance's peak: the region's diurnal curve, a swing of ±12% shared by the
 * service in that region over hours (a campaign, a slow client), and ±5% of the instance's own
 * over minutes. Never negative.
 */
export function trafficFactorAt(workload: InstanceWorkload, tMs: number): number {
  const diurnal = diurnalFactor(workload.utcOffsetHours, workload.nightShift, tMs);
  const shared = 0.12 * valueNoise(workload.serviceRegionNoiseKey, tMs, hourMs);
  const own = 0.05 * valueNoise(workload.instanceNoiseKey, tMs, 5 * 60_000);
  return Math.max(0, diurnal * (1 + shared + own));
}

export function requestsPerSecondAt(workload: InstanceWorkload, tMs: number): number {
  return workload.peakRps * trafficFactorAt(workload, tMs);
}
