import { z } from "zod";

/**
 * Response shapes of the Prometheus HTTP API (/api/v1), which Thanos, Mimir, VictoriaMetrics and
 * other compatible backends answer too. Only the fields Fleetdeck reads are checked.
 */

/** Every response: `data` on success, `errorType` and `error` otherwise. */
export const ApiEnvelope = z.discriminatedUnion("status", [
  z.object({ status: z.literal("success"), data: z.unknown(), warnings: z.array(z.string()).optional() }),
  z.object({ status: z.literal("error"), errorType: z.string(), error: z.string() }),
]);

export const LabelSet = z.record(z.string(), z.string());
export type LabelSet = z.infer<typeof LabelSet>;

/** Sample values travel as strings so that NaN and ±Inf survive JSON. */
const SampleValue = z.string().transform((text, context) => {
  const value = text === "+Inf" ? Number.POSITIVE_INFINITY : text === "-Inf" ? Number.NEGATIVE_INFINITY : Number(text);
  if (Number.isNaN(value) && text !== "NaN") {
    context.addIssue({ code: "custom", message: `"${text}" is not a sample value` });
    return z.NEVER;
  }
  return value;
});

/** [unix seconds, value] */
const SamplePair = z.tuple([z.number(), SampleValue]).transform(([seconds, value]) => ({
  timestampMs: Math.round(seconds * 1000),
  value,
}));
export type SamplePoint = z.output<typeof SamplePair>;

export const InstantVector = z.object({
  resultType: z.literal("vector"),
  result: z.array(z.object({ metric: LabelSet, value: SamplePair })),
});
export type InstantVector = z.output<typeof InstantVector>;

export const RangeMatrix = z.object({
  resultType: z.literal("matrix"),
  result: z.array(z.object({ metric: LabelSet, values: z.array(SamplePair) })),
});
export type RangeMatrix = z.output<typeof RangeMatrix>;

export const SeriesList = z.array(LabelSet);

export const LabelNames = z.array(z.string());

export const ActiveTarget = z.object({
  labels: LabelSet,
  scrapeUrl: z.string(),
  health: z.string(),
  lastError: z.string(),
  lastScrape: z.string(),
});
export type ActiveTarget = z.infer<typeof ActiveTarget>;

export const TargetsData = z.object({ activeTargets: z.array(ActiveTarget) });
