import type { Region } from "@fleetdeck/core";
import type { ServiceCall } from "./generated-fleet.ts";

/** Where one caller region's share of a call goes. */
export interface CallRoute {
  fromRegionIndex: number;
  toRegionIndex: number;
  /** Share of the caller's calls in fromRegion that go to toRegion; a region's shares sum to 1. */
  share: number;
}

/**
 * Routes each call per caller region: to the callee in the same region when it runs there, else
 * to the nearest region it runs in (by hours between the regions' clocks, a stand-in for distance;
 * ties go to the region listed first). A call with a cross-region share also sends that share to
 * the callee's home region (the first it runs in) from every other region. The result is fixed
 * for a fleet: edges keep their shape between refreshes and only their traffic moves.
 *
 * `serviceRegions[s]` lists the region indexes service s has instances in, ascending.
 */
export function planCallRoutes(
  calls: readonly ServiceCall[],
  serviceRegions: readonly (readonly number[])[],
  regions: readonly Pick<Region, "utcOffsetHours">[],
): CallRoute[][] {
  return calls.map((call) => {
    const callerRegions = serviceRegions[call.fromServiceIndex] ?? [];
    const calleeRegions = serviceRegions[call.toServiceIndex] ?? [];
    const home = calleeRegions[0];
    if (home === undefined) return [];
    return callerRegions.flatMap((fromRegionIndex) => {
      const served = nearestRegion(fromRegionIndex, calleeRegions, regions);
      if (served === home || call.crossRegionShare <= 0) {
        return [{ fromRegionIndex, toRegionIndex: served, share: 1 }];
      }
      return [
        { fromRegionIndex, toRegionIndex: served, share: 1 - call.crossRegionShare },
        { fromRegionIndex, toRegionIndex: home, share: call.crossRegionShare },
      ];
    });
  });
}

function nearestRegion(
  fromRegionIndex: number,
  candidates: readonly number[],
  regions: readonly Pick<Region, "utcOffsetHours">[],
): number {
  if (candidates.includes(fromRegionIndex)) return fromRegionIndex;
  let best = candidates[0] ?? fromRegionIndex;
  let bestHours = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const hours = hoursApart(regions[fromRegionIndex]?.utcOffsetHours ?? 0, regions[candidate]?.utcOffsetHours ?? 0);
    if (hours < bestHours) {
      best = candidate;
      bestHours = hours;
    }
  }
  return best;
}

/** Hours between two clocks the short way round the globe. */
export function hoursApart(aUtcOffsetHours: number, bUtcOffsetHours: number): number {
  const difference = Math.abs(aUtcOffsetHours - bUtcOffsetHours) % 24;
  return Math.min(difference, 24 - difference);
}

/**
 * The round trip a call pays to cross between two regions: a fixed cost plus about 8 ms per hour of
 * longitude (Dublin–Virginia ≈ 50 ms, Virginia–Singapore ≈ 100 ms, close to public cloud figures).
 */
export function interRegionRoundTripMs(aUtcOffsetHours: number, bUtcOffsetHours: number): number {
  return 10 + 8 * hoursApart(aUtcOffsetHours, bUtcOffsetHours);
}
