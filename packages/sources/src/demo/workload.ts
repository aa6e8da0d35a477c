import { estimateNonHeapBytes, type GcModelInput, type GcSample, predictGc, type RuntimeConfig } from "@fleetdeck/core";
import type { FaultEffects } from "./faults.ts";
import type { InstanceWorkload } from "./generated-fleet.ts";
import { valueNoise } from "./smooth-noise.ts";
import { trafficFactorAt } from "./traffic.ts";

/** Average goroutine stack, the same figure estimateNonHeapBytes assumes. */
const stackBytesPerGoroutine = 8 * 1024;

const modelInput: Required<GcModelInput> = {
  liveHeapBytes: 0,
  rootsBytes: 0,
  allocRateBytesPerSecond: 0,
  gogc: 100,
  memoryLimitBytes: null,
  nonHeapBytes: 0,
  gomaxprocs: 1,
  cpuQuotaCores: null,
  goroutines: 0,
  mutatorCpuCores: 0,
};

/**
 * The working set drifts slowly (caches fill and get evicted, datasets grow between compactions):
 * ±8% over hours and ±3% over half an hour, never tied to traffic.
 */
export function heapWanderFactorAt(workload: InstanceWorkload, tMs: number): number {
  return (
    1 +
    0.08 * valueNoise(workload.heapNoiseKey, tMs, 6 * 3_600_000) +
    0.03 * valueNoise(workload.heapNoiseKey ^ 0x2545f491, tMs, 30 * 60_000)
  );
}

/**
 * One instance's Go runtime at tMs, from its traffic and config through the GC model:
 * requests → concurrency (Little's law) → goroutines, in-flight heap and allocation rate →
 * predictGc for goal, cycles, GC CPU, pauses and RSS.
 *
 * heapInUseBytes is the time-averaged heap, not a point on the GC sawtooth: busy services run
 * several cycles a second, far faster than any sample step, so a sampled phase would only add
 * noise that depends on the step — and the same instant must read the same at any step.
 */
export function simulateGcSample(
  workload: InstanceWorkload,
  config: RuntimeConfig,
  effects: FaultEffects,
  tMs: number,
): GcSample {
  const rps = workload.peakRps * trafficFactorAt(workload, tMs);
  const concurrentRequests = rps * workload.requestLatencySeconds;
  const goroutines = workload.baseGoroutines + concurrentRequests + effects.leakedGoroutines;
  const liveHeapBytes =
    workload.workingSetBytes * heapWanderFactorAt(workload, tMs) +
    concurrentRequests * workload.inflightBytesPerRequest +
    effects.leakedHeapBytes;
  const allocRateBytesPerSecond =
    (rps * workload.allocBytesPerRequest + workload.backgroundAllocBytesPerSecond) * effects.allocMultiplier;
  const memoryLimitBytes = effects.memoryLimitOverrideBytes ?? config.memoryLimitBytes;
  const mutatorCpuCores = rps * workload.cpuSecondsPerRequest;

  // One input object refilled per call: at 10,000 instances per snapshot the garbage matters.
  const input = modelInput;
  input.liveHeapBytes = liveHeapBytes;
  input.rootsBytes = workload.globalsBytes + goroutines * stackBytesPerGoroutine;
  input.allocRateBytesPerSecond = allocRateBytesPerSecond;
  input.gogc = config.gogc;
  input.memoryLimitBytes = memoryLimitBytes;
  input.nonHeapBytes = estimateNonHeapBytes(liveHeapBytes, goroutines);
  input.gomaxprocs = config.gomaxprocs;
  input.cpuQuotaCores = workload.cpuQuotaCores;
  input.goroutines = goroutines;
  input.mutatorCpuCores = mutatorCpuCores;
  const prediction = predictGc(input);

  return {
    instanceId: workload.instanceId,
    timestampMs: tMs,
    gcCyclesPerSecond: prediction.gcCyclesPerSecond,
    pause: prediction.pause,
    heapLiveBytes: Math.round(liveHeapBytes),
    heapInUseBytes: Math.round(prediction.heapInUseAverageBytes),
    heapGoalBytes: Math.round(prediction.heapGoalBytes),
    memoryLimitBytes,
    gcCpuFraction: prediction.gcCpuFraction,
    gcCpuCores: prediction.gcCpuCores,
    cpuUsageCores: Math.min(mutatorCpuCores + prediction.gcCpuCores, prediction.availableCores),
    goroutines: Math.round(goroutines),
    allocRateBytesPerSecond: Math.round(allocRateBytesPerSecond),
    rssBytes: Math.round(prediction.rssBytes),
    gogc: config.gogc,
    gomaxprocs: config.gomaxprocs,
    requestsPerSecond: rps,
  };
}
