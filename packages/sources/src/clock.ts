import type { Clock } from "./fleet-source.ts";

export const systemClock: Clock = { nowMs: () => Date.now() };

export interface ScaledClockOptions {
  /** The clock's time at the moment it is created. */
  originMs: number;
  /** How many clock milliseconds pass per wall-clock millisecond: 60 runs an hour a minute. */
  speed: number;
  /** The wall clock it follows; injectable so tests need not sleep. */
  now?: () => number;
}

/**
 * A clock that starts at originMs and runs `speed` times faster than the wall clock, so a demo
 * day or a staged rollout with hour-long soak times completes in seconds.
 */
export function createScaledClock({ originMs, speed, now = Date.now }: ScaledClockOptions): Clock {
  if (!Number.isFinite(originMs)) throw new Error(`a scaled clock needs a finite originMs (got ${originMs})`);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`a scaled clock needs a positive speed (got ${speed})`);
  const wallStartMs = now();
  return { nowMs: () => originMs + (now() - wallStartMs) * speed };
}
