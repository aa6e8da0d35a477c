import type { GateSpec, RolloutPlan, RolloutStage } from "../changes/change-request.ts";

/**
 * The thresholds each gate metric starts from. A canary fails a gate when it is worse than the baseline by
 * more than maxIncrease (relative) and by more than noiseFloor (absolute, in the metric's unit):
 * - gcPauseP99 +20 %, floor 1 ms: healthy p99 pauses are tens to hundreds of µs and jitter with
 *   scheduling; below 1 ms a change does not move request latency.
 * - gcCpuFraction +20 %, floor 0.01: one point of CPU is within what capacity planning ignores,
 *   while a fifth more GC work is the cost a GOGC cut typically buys.
 * - heapToLimit +10 %, floor 0.02: the closer the heap runs to its limit, the nearer the GC's
 *   near-continuous mode (GC guide), so this one is tighter.
 * - errorRatio +50 %, floor 0.001: error counts are small and bursty, so only a large relative rise
 *   above a tenth of a percent is signal.
 * - latencyP99 +20 %, floor 5 ms: tail latency is noisy; 5 ms is below most services' SLO slack.
 */
export const gateDefaults: GateSpec[] = [
  { metric: "gcPauseP99", maxIncrease: 0.2, noiseFloor: 0.001 },
  { metric: "gcCpuFraction", maxIncrease: 0.2, noiseFloor: 0.01 },
  { metric: "heapToLimit", maxIncrease: 0.1, noiseFloor: 0.02 },
  { metric: "errorRatio", maxIncrease: 0.5, noiseFloor: 0.001 },
  { metric: "latencyP99", maxIncrease: 0.2, noiseFloor: 0.005 },
];

/**
 * The gates a default plan carries: the GC ones, which every source reports per instance. Error
 * ratio and latency need request metrics no source reads per instance yet; a gate without data
 * holds the rollout, so a default plan with them would never get past its canary.
 */
export const defaultRolloutGates: GateSpec[] = gateDefaults.filter(
  (gate) => gate.metric !== "errorRatio" && gate.metric !== "latencyP99",
);

/** How long instances may take to report a new config; a Go agent's watch applies it in seconds. */
export const defaultConvergenceTimeoutSeconds = 300;

const maxStages = 64;
const maxStageNameLength = 80;

/**
 * The plan a change gets unless its author writes one: one canary instance in the first region,
 * then region by region 10 % → 50 % → 100 %. Fleets with more regions than 64 stages allow get
 * fewer steps per region (50 % → 100 %, then 100 % only). Without regions the whole target is
 * staged the same way.
 */
export function defaultRolloutPlan(regionIds: readonly string[], options: { bakeSeconds: number }): RolloutPlan {
  const { bakeSeconds } = options;
  const regions = regionIds.length === 0 ? [null] : [...regionIds];
  const percents = [[10, 50, 100], [50, 100], [100]].find((steps) => 1 + steps.length * regions.length <= maxStages);
  if (!percents) {
    throw new Error(`defaultRolloutPlan: ${regions.length} regions need more than ${maxStages} stages; write a plan`);
  }
  const canary: RolloutStage = {
    name: stageName("Canary", regions[0] ?? null),
    regionId: regions[0] ?? null,
    size: { kind: "instances", count: 1 },
    bakeSeconds,
  };
  const regional = regions.flatMap((regionId) =>
    percents.map(
      (percent): RolloutStage => ({
        name: stageName(`${percent} %`, regionId),
        regionId,
        size: { kind: "percent", percent },
        bakeSeconds,
      }),
    ),
  );
  return {
    stages: [canary, ...regional],
    gates: defaultRolloutGates.map((gate) => ({ ...gate })),
    convergenceTimeoutSeconds: defaultConvergenceTimeoutSeconds,
  };
}

function stageName(step: string, regionId: string | null): string {
  if (regionId === null) return step;
  const room = maxStageNameLength - step.length - 1;
  const region = regionId.length > room ? `${regionId.slice(0, room - 1)}…` : regionId;
  return `${region} ${step}`;
}
