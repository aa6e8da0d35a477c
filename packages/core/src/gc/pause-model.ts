import type { PauseQuantiles } from "../model/gc-sample.ts";

export interface PauseModelInput {
  goroutines: number;
  gomaxprocs: number;
  cpuQuotaCores: number | null;
  /** CPU the process wants (application + GC), in cores. */
  demandCores: number;
}

/** CFS bandwidth period: a throttled container waits for the next period to run again. */
const cfsPeriodSeconds = 0.1;
/** Spread of one cycle's pause around its median (log-normal); p99 ≈ 4 × median. */
const pauseLogSigma = 0.6;

// Standard normal quantiles for the summary's points.
const z = { min: -2.576, p25: -0.674, p50: 0, p75: 0.674, p99: 2.326, max: 3.09 };

/**
 * Per-cycle stop-the-world pause (sweep termination + mark termination). Each phase costs tens of
 * microseconds plus a little per goroutine and per P to preempt. When GOMAXPROCS exceeds the CPU
 * quota and the process is busy, a pause that lands in a throttled CFS period waits out the rest
 * of it: the tail grows by milliseconds, which is how such misconfigurations show in practice.
 * The throttling part is a heuristic, not a runtime formula.
 */
export function pauseQuantiles(input: PauseModelInput): PauseQuantiles {
  const phaseMedianSeconds = 25e-6 + 4e-9 * input.goroutines + 2e-6 * input.gomaxprocs;
  const medianSeconds = 2 * phaseMedianSeconds;
  const { probability, delaySeconds } = throttling(input);
  return {
    minSeconds: pauseAt(medianSeconds, 0, z.min, probability, delaySeconds),
    p25Seconds: pauseAt(medianSeconds, 0.25, z.p25, probability, delaySeconds),
    p50Seconds: pauseAt(medianSeconds, 0.5, z.p50, probability, delaySeconds),
    p75Seconds: pauseAt(medianSeconds, 0.75, z.p75, probability, delaySeconds),
    p99Seconds: pauseAt(medianSeconds, 0.99, z.p99, probability, delaySeconds),
    maxSeconds: pauseAt(medianSeconds, 1, z.max, probability, delaySeconds),
  };
}

/**
 * The log-normal quantile, plus the throttling delay when the quantile sits in the throttled
 * tail (fewer than `throttledShare` of pauses above it).
 */
function pauseAt(
  medianSeconds: number,
  quantile: number,
  zScore: number,
  throttledShare: number,
  delaySeconds: number,
): number {
  const base = medianSeconds * Math.exp(pauseLogSigma * zScore);
  return 1 - quantile < throttledShare ? base + delaySeconds : base;
}

const noThrottling = Object.freeze({ probability: 0, delaySeconds: 0 });

function throttling({ gomaxprocs, cpuQuotaCores, demandCores }: PauseModelInput) {
  if (cpuQuotaCores === null || gomaxprocs <= cpuQuotaCores) return noThrottling;
  const oversubscription = 1 - cpuQuotaCores / gomaxprocs;
  const utilisation = Math.min(demandCores / cpuQuotaCores, 1);
  return {
    // Busy processes with many more Ps than quota exhaust the quota early in most periods.
    probability: Math.min(0.5, oversubscription * utilisation ** 2),
    delaySeconds: cfsPeriodSeconds * oversubscription * 0.5,
  };
}
