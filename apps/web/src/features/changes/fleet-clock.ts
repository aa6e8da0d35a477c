/** One moment seen twice: the fleet's time as the server sent it, and the browser's when it arrived. */
export interface FleetTimeReading {
  fleetMs: number;
  localMs: number;
}

/** Below this much browser time between readings, their rate says more about network jitter than the clock. */
const minRateSpanMs = 2_000;

/**
 * How fast the fleet's clock runs against the browser's (the demo fleet's may run many times
 * faster), from the oldest and newest readings; 1 until they are far enough apart to tell.
 */
export function fleetClockRate(readings: readonly FleetTimeReading[]): number {
  const first = readings[0];
  const last = readings[readings.length - 1];
  if (!first || !last || last.localMs - first.localMs < minRateSpanMs) return 1;
  const rate = (last.fleetMs - first.fleetMs) / (last.localMs - first.localMs);
  return Number.isFinite(rate) && rate > 0 ? rate : 1;
}

/** The fleet's time now, carried forward from the newest reading at the estimated rate. */
export function fleetNowMs(readings: readonly FleetTimeReading[], localNowMs: number): number | null {
  const last = readings[readings.length - 1];
  if (!last) return null;
  return last.fleetMs + Math.max(0, localNowMs - last.localMs) * fleetClockRate(readings);
}

/** "4 min 05 s", "12 s", "1 h 02 min": a countdown that reads at a glance. */
export function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
