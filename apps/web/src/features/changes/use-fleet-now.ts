import { type RefObject, useEffect, useState } from "react";
import { type FleetTimeReading, fleetNowMs } from "./fleet-clock.ts";

/** The fleet's time, re-read every second while `ticking`, for countdowns between pushed updates. */
export function useFleetNow(readings: RefObject<FleetTimeReading[]>, ticking: boolean): number | null {
  const [localNowMs, setLocalNowMs] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setLocalNowMs(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [ticking]);
  return fleetNowMs(readings.current, Math.max(localNowMs, readings.current.at(-1)?.localMs ?? 0));
}
