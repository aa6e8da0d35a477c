import { z } from "zod";
import { EntityId, RuntimeConfig } from "../model/inventory.ts";

/**
 * A proposed runtime config change: the Go runtime settings plus the keys a service reads from its
 * config centre (a gray release ratio, custom keys). As in a JSON merge patch, absent keys keep
 * their value and null removes one: a null memoryLimitBytes removes GOMEMLIMIT, a null grayRatio
 * ends the gray release, a null custom value deletes that key.
 */
export const ChangePatch = z
  .strictObject({
    gogc: RuntimeConfig.shape.gogc.optional(),
    memoryLimitBytes: RuntimeConfig.shape.memoryLimitBytes.optional(),
    gomaxprocs: RuntimeConfig.shape.gomaxprocs.optional(),
    /** Share of requests a gray (feature) release receives, 0–1. */
    grayRatio: z.number().min(0).max(1).nullable().optional(),
    /** Further keys the service reads, as strings. */
    custom: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, "custom keys are lower-case: letters, digits, '_', '.', '-'"),
        z.string().max(1024).nullable(),
      )
      .optional(),
  })
  .refine(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    "a change must set at least one of gogc, memoryLimitBytes, gomaxprocs, grayRatio, custom",
  );
export type ChangePatch = z.infer<typeof ChangePatch>;

/**
 * What an instance is told to run: the runtime config plus the config-centre keys. The rollout
 * controller writes it, actuators apply it, and instances report what they applied.
 */
export const DesiredConfig = RuntimeConfig.extend({
  grayRatio: z.number().min(0).max(1).nullable(),
  custom: z.record(z.string(), z.string()),
});
export type DesiredConfig = z.infer<typeof DesiredConfig>;

/**
 * Which instances a change is for: one service, optionally narrowed by a Kubernetes-style label
 * selector over each instance's `region`, `zone`, `cluster`, `node` and `instance` labels, e.g.
 * `region in (eu-west-1, eu-central-1), cluster != eu-west-1-b`. Empty selects the whole service.
 */
export const ChangeTarget = z.strictObject({
  serviceId: EntityId,
  selector: z.string().max(2000),
});
export type ChangeTarget = z.infer<typeof ChangeTarget>;

/** How many instances a stage brings to the new config, counted within the stage's scope. */
export const StageSize = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("instances"), count: z.number().int().min(1).max(100_000) }),
  z.strictObject({ kind: z.literal("percent"), percent: z.number().gt(0).max(100) }),
]);
export type StageSize = z.infer<typeof StageSize>;

/**
 * One stage of a rollout. Sizes are cumulative: after "50 %" half of the scope runs the new
 * config, including the instances earlier stages changed. The scope is one region of the target,
 * or the whole target when regionId is null.
 */
export const RolloutStage = z.strictObject({
  name: z.string().min(1).max(80),
  regionId: EntityId.nullable(),
  size: StageSize,
  /** How long the stage's instances run the new config before the gates decide. */
  bakeSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400),
});
export type RolloutStage = z.infer<typeof RolloutStage>;

/** What a gate compares between the changed (canary) and unchanged (baseline) instances. */
export const GateMetric = z.enum(["gcPauseP99", "gcCpuFraction", "heapToLimit", "errorRatio", "latencyP99"]);
export type GateMetric = z.infer<typeof GateMetric>;

export const GateSpec = z.strictObject({
  metric: GateMetric,
  /** The canary fails when it is worse than the baseline by more than this fraction (0.2 = 20 %). */
  maxIncrease: z.number().min(0).max(10),
  /** Differences smaller than this, in the metric's own unit, are noise and never fail. */
  noiseFloor: z.number().min(0),
});
export type GateSpec = z.infer<typeof GateSpec>;

export const RolloutPlan = z.strictObject({
  stages: z.array(RolloutStage).min(1).max(64),
  gates: z.array(GateSpec).max(GateMetric.options.length),
  /** How long instances may take to report the desired config before the rollout holds. */
  convergenceTimeoutSeconds: z.number().int().min(5).max(3600),
});
export type RolloutPlan = z.infer<typeof RolloutPlan>;

/** Everything an approval covers: editing any of it withdraws the approvals given so far. */
export const ChangeContent = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000),
  patch: ChangePatch,
  target: ChangeTarget,
  plan: RolloutPlan,
});
export type ChangeContent = z.infer<typeof ChangeContent>;

export const ChangeState = z.enum([
  "draft",
  "pending_approval",
  "approved",
  "rolling",
  "paused",
  "completed",
  "rejected",
  "cancelled",
  "expired",
  "rolling_back",
  "rolled_back",
]);
export type ChangeState = z.infer<typeof ChangeState>;
