import { EntityId, GcLeaderboardQuery, GcSeriesMetric } from "@fleetdeck/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { readProcedure } from "../trpc/trpc.ts";
import type { SeriesWindowInput } from "./gc-service.ts";

const epochMs = z.number().int().nonnegative();

/**
 * A chart's time window: absolute (`startMs`, `endMs`), or the `lastMs` before the fleet's now.
 * The relative form exists because the fleet's clock (the demo's may run fast) is the server's to
 * know, not the browser's; the answer's `range` says which instants it resolved to.
 */
const SeriesWindow = z
  .object({
    startMs: epochMs.optional(),
    endMs: epochMs.optional(),
    lastMs: z.number().int().positive().optional(),
    /** About the chart's width in pixels. */
    maxPoints: z.number().int().min(10).max(2_000).default(600),
  })
  .transform((w, ctx): SeriesWindowInput => {
    const problem = (path: string, message: string) => {
      ctx.addIssue({ code: "custom", path: [path], message });
      return z.NEVER;
    };
    if (w.lastMs !== undefined) {
      if (w.startMs !== undefined || w.endMs !== undefined) {
        return problem("lastMs", "give either lastMs or startMs and endMs, not both");
      }
      return { lastMs: w.lastMs, maxPoints: w.maxPoints };
    }
    if (w.startMs === undefined) return problem("startMs", "required unless lastMs is given");
    if (w.endMs === undefined) return problem("endMs", "required unless lastMs is given");
    if (w.endMs <= w.startMs) return problem("endMs", "the end must be after the start");
    return { startMs: w.startMs, endMs: w.endMs, maxPoints: w.maxPoints };
  });

const CompareSubject = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("instance"), instanceId: EntityId }),
  z.object({ kind: z.literal("service"), serviceId: EntityId, regionId: EntityId.optional() }),
]);

export const gcRouter = {
  leaderboard: readProcedure
    .input(GcLeaderboardQuery.extend({ atMs: z.number().int().nonnegative().optional() }))
    .query(({ ctx, input }) => ctx.gc.leaderboard(input)),

  instanceSeries: readProcedure
    .input(z.object({ instanceId: EntityId, window: SeriesWindow }))
    .query(({ ctx, input }) => ctx.gc.instanceSeries(input.instanceId, input.window)),

  serviceSeries: readProcedure
    .input(z.object({ serviceId: EntityId, regionId: EntityId.optional(), window: SeriesWindow }))
    .query(({ ctx, input }) => ctx.gc.serviceSeries(input.serviceId, input.window, input.regionId)),

  compare: readProcedure
    .input(z.object({ metric: GcSeriesMetric, subjects: z.array(CompareSubject).min(1).max(12), window: SeriesWindow }))
    .query(({ ctx, input }) => ctx.gc.compare(input.metric, input.subjects, input.window)),
} satisfies TRPCRouterRecord;
