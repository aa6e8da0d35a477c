import type { GcSample } from "@fleetdeck/core";
import { type FaultEffects, heapPerLeakedGoroutineBytes } from "./faults.ts";
import type { InstanceWorkload } from "./generated-fleet.ts";

/** What a demo instance's profiles are made from: its simulated runtime at the capture's start. */
export interface DemoProfileState {
  serviceId: string;
  sample: GcSample;
  /** Goroutines the instance runs without traffic: connections, workers, the runtime's own. */
  baseGoroutines: number;
  /** Goroutines stranded by a goroutine-leak fault, and the heap they pin. */
  leakedGoroutines: number;
  goroutineLeakHeapBytes: number;
  /** Heap retained by a memory-leak fault. */
  memoryLeakHeapBytes: number;
  /** Allocation relative to normal: above 1 during an allocation spike. */
  allocMultiplier: number;
  downstreamLatencySeconds: number;
  /** Seeds the sample jitter: the same instance, kind and time bucket give the same profile. */
  randomKey: number;
}

export function demoProfileState(
  serviceId: string,
  workload: InstanceWorkload,
  sample: GcSample,
  effects: Readonly<FaultEffects>,
  randomKey: number,
): DemoProfileState {
  // What leaked goroutines pin is part of the leaked heap; the rest is a memory leak's.
  const goroutineLeakHeapBytes = effects.leakedGoroutines * heapPerLeakedGoroutineBytes;
  return {
    serviceId,
    sample,
    baseGoroutines: workload.baseGoroutines,
    leakedGoroutines: Math.round(effects.leakedGoroutines),
    goroutineLeakHeapBytes,
    memoryLeakHeapBytes: Math.max(0, effects.leakedHeapBytes - goroutineLeakHeapBytes),
    allocMultiplier: effects.allocMultiplier,
    downstreamLatencySeconds: workload.requestLatencySeconds,
    randomKey,
  };
}
