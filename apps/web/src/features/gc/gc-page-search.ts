import { EntityId, GcSeriesMetric } from "@fleetdeck/core";
import { z } from "zod";
import { timeRangeSearchSchema } from "../../lib/time-range.ts";

/** At most this many other instances overlay on one compare chart, so the lines stay apart. */
export const maxComparedInstances = 8;

/**
 * The GC sections of the service and instance pages in their URLs: the range, and what compare
 * mode overlays — `?range=6h&compare=id1,id2&metric=pauseP99Seconds` on an instance page,
 * `?compareRegions=true` on a service page. Bad values are dropped, never an error.
 */
export const gcPageSearchSchema = timeRangeSearchSchema.extend({
  compare: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
  metric: GcSeriesMetric.optional().catch(undefined),
  compareRegions: z.boolean().optional().catch(undefined),
});
export type GcPageSearch = z.infer<typeof gcPageSearchSchema>;

/** The instances in `compare=id1,id2`: valid ids only, each once, never `self`, at most eight. */
export function comparedInstanceIds(compare: string | undefined, self: string): string[] {
  if (compare === undefined) return [];
  const ids = compare
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== self && EntityId.safeParse(id).success);
  return [...new Set(ids)].slice(0, maxComparedInstances);
}

/** `compare` for a list of instances (undefined when there is none, so the param leaves the URL). */
export function compareParamOf(instanceIds: readonly string[]): string | undefined {
  return instanceIds.length === 0 ? undefined : instanceIds.join(",");
}
