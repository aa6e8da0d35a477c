import { type GcSample, memoryHeadroomRatio } from "@fleetdeck/core";
import { type DemoFault, isFaultActiveAt } from "./faults.ts";
import { hashCombine, keyFor, unitFromHash } from "./random.ts";

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** Deployments ship about weekly; each rollout replaces the pods, so their restart counts start afresh. */
const rolloutPeriodMs = 7 * dayMs;
/** A rolling update replaces one pod after another, this far apart. */
const rolloutStepMs = 40_000;
/** Pods that crash now and then (a nil map, a panic on a rare request); the rest almost never do. */
const flakyPodShare = 0.08;
/**
 * Under a memory limit set too low the GC CPU limiter lets the heap past it, the kernel kills the
 * container and the kubelet restarts it: about this often per unit of fault severity (the
 * kubelet's CrashLoopBackOff waits grow to five minutes, so a real loop is in this range).
 */
const oomKillEveryMs = 2 * 60_000;
/**
 * The Go GC CPU limiter caps GC at half the CPU (runtime/mgclimit.go); an instance near it spends
 * its time collecting, requests stall and the readiness probe times out.
 */
const gcCpuLimiterFraction = 0.45;
/** Below this headroom the container is at its memory limit, being killed and restarted. */
const minReadyHeadroomRatio = 0.02;

/** The rollout a pod belongs to and when it was started by it. */
export interface PodRollout {
  /** Which rollout of its deployment (counted from the Unix epoch): it names the pod's ReplicaSet. */
  rolloutIndex: number;
  startedAtMs: number;
}

/**
 * The rollout that started the pod with this ordinal, as of atMs. A pod the current rollout has
 * not reached yet still belongs to the previous one.
 */
export function podRolloutAt(seed: number, deploymentKey: string, ordinal: number, atMs: number): PodRollout {
  const offsetMs = unitFromHash(keyFor(seed, "rollout", deploymentKey)) * rolloutPeriodMs;
  let rolloutIndex = Math.floor((atMs - offsetMs) / rolloutPeriodMs);
  let startedAtMs = offsetMs + rolloutIndex * rolloutPeriodMs + ordinal * rolloutStepMs;
  if (startedAtMs > atMs) {
    rolloutIndex -= 1;
    startedAtMs -= rolloutPeriodMs;
  }
  return { rolloutIndex, startedAtMs };
}

/**
 * Container restarts since the pod started: its own crashes (a flaky pod every few hours, others
 * rarely) plus OOM kills while a memory-limit fault is active. Never falls within one pod's life.
 */
export function podRestartsAt(
  seed: number,
  instanceId: string,
  rollout: PodRollout,
  atMs: number,
  faults: readonly DemoFault[],
): number {
  const podKey = hashCombine(keyFor(seed, "restarts", instanceId), rollout.rolloutIndex);
  const flaky = unitFromHash(podKey) < flakyPodShare;
  const spread = unitFromHash(hashCombine(podKey, 1));
  const crashGapMs = flaky ? (6 + 42 * spread) * hourMs : (5 + 25 * spread) * dayMs;
  const phase = 0.3 * unitFromHash(hashCombine(podKey, 2));
  const crashes = Math.floor(Math.max(0, atMs - rollout.startedAtMs) / crashGapMs + phase);
  return crashes + oomKillsBetween(faults, rollout.startedAtMs, atMs);
}

/** OOM kills from memory-limit faults active between sinceMs and atMs: the first comes at once. */
export function oomKillsBetween(faults: readonly DemoFault[], sinceMs: number, atMs: number): number {
  let kills = 0;
  for (const fault of faults) {
    if (fault.kind !== "memory-limit-too-low") continue;
    const fromMs = Math.max(fault.startMs, sinceMs);
    const toMs = Math.min(atMs, fault.endMs ?? atMs);
    if (toMs > fromMs) kills += Math.ceil(((toMs - fromMs) * fault.severity) / oomKillEveryMs);
  }
  return kills;
}

/**
 * Whether the instance would pass a readiness probe: not in an OOM crash loop (a memory-limit
 * fault active now), not stalled by GC, not at its memory limit.
 */
export function readyAt(
  instance: { memoryLimitBytes: number | null },
  sample: GcSample,
  faults: readonly DemoFault[],
  atMs: number,
): boolean {
  if (faults.some((fault) => fault.kind === "memory-limit-too-low" && isFaultActiveAt(fault, atMs))) return false;
  if (sample.gcCpuFraction >= gcCpuLimiterFraction) return false;
  const headroom = memoryHeadroomRatio(instance, sample);
  return headroom === null || headroom > minReadyHeadroomRatio;
}
