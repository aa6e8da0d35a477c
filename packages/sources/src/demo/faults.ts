import { EntityId, estimateNonHeapBytes } from "@fleetdeck/core";
import { z } from "zod";
import type { InstanceWorkload } from "./generated-fleet.ts";

export const DemoFaultKind = z.enum(["memory-leak", "goroutine-leak", "allocation-spike", "memory-limit-too-low"]);
export type DemoFaultKind = z.infer<typeof DemoFaultKind>;

export const DemoFaultTarget = z
  .object({
    serviceId: EntityId.optional(),
    instanceIds: z.array(EntityId).min(1).max(10_000).optional(),
  })
  .refine((target) => target.serviceId !== undefined || target.instanceIds !== undefined, {
    message: "a fault targets a serviceId, a list of instanceIds, or both (the listed instances of that service)",
  });
export type DemoFaultTarget = z.infer<typeof DemoFaultTarget>;

/** 1 is a typical incident; 10 is as bad as the demo goes. */
const Severity = z.number().positive().max(10);

/** What a caller asks for; startMs and endMs are demo-fleet time. */
export const DemoFaultRequest = z
  .object({
    kind: DemoFaultKind,
    target: DemoFaultTarget,
    startMs: z.number(),
    endMs: z.number().nullable().optional(),
    severity: Severity.optional(),
  })
  .refine((request) => request.endMs == null || request.endMs > request.startMs, {
    message: "endMs must be after startMs",
    path: ["endMs"],
  });
export type DemoFaultRequest = z.input<typeof DemoFaultRequest>;

/** An injected fault as stored: plain JSON, so the server can persist it and hand it back on start. */
export const DemoFault = z.object({
  id: z.string().min(1).max(100),
  kind: DemoFaultKind,
  target: DemoFaultTarget,
  startMs: z.number(),
  /** Null while the fault goes on. */
  endMs: z.number().nullable(),
  severity: Severity,
});
export type DemoFault = z.infer<typeof DemoFault>;

export const defaultFaultSeverity: Record<DemoFaultKind, number> = {
  "memory-leak": 1,
  "goroutine-leak": 1,
  "allocation-spike": 2,
  "memory-limit-too-low": 1,
};

/** A fault acts on [startMs, endMs): clearing it at t means the sample at t is healthy again. */
export function isFaultActiveAt(fault: DemoFault, tMs: number): boolean {
  return tMs >= fault.startMs && (fault.endMs === null || tMs < fault.endMs);
}

/** How the active faults bend one instance's workload at one instant. */
export interface FaultEffects {
  leakedHeapBytes: number;
  leakedGoroutines: number;
  allocMultiplier: number;
  /** GOMEMLIMIT forced by a fault; null when no fault sets it. */
  memoryLimitOverrideBytes: number | null;
}

export function noFaultEffects(): FaultEffects {
  return { leakedHeapBytes: 0, leakedGoroutines: 0, allocMultiplier: 1, memoryLimitOverrideBytes: null };
}

/** A leak of severity 1 retains 2% of the working set more every minute: the limit binds within the hour. */
const leakedWorkingSetSharePerMinute = 0.02;
/** Blocked goroutines pile up (a missing timeout, a channel nobody reads). */
const leakedGoroutinesPerMinute = 1000;
/** Each leaked goroutine also pins what it captured: its request, a buffer. */
export const heapPerLeakedGoroutineBytes = 2 * 1024;
/** "Too low": GOMEMLIMIT 3% above the working set plus runtime overhead, tighter as severity rises. */
const tightLimitHeadroomShare = 0.03;

/**
 * Writes the combined effect of the instance's faults at tMs into `out` (reused across a snapshot
 * so the hot loop does not allocate). Effects grow linearly from each fault's start: a leak is a
 * rate, so what it has retained is rate × time since it began.
 */
export function faultEffectsAt(
  faults: readonly DemoFault[],
  workload: InstanceWorkload,
  tMs: number,
  out: FaultEffects,
): FaultEffects {
  out.leakedHeapBytes = 0;
  out.leakedGoroutines = 0;
  out.allocMultiplier = 1;
  out.memoryLimitOverrideBytes = null;
  for (const fault of faults) {
    if (!isFaultActiveAt(fault, tMs)) continue;
    const minutes = (tMs - fault.startMs) / 60_000;
    switch (fault.kind) {
      case "memory-leak":
        out.leakedHeapBytes += fault.severity * leakedWorkingSetSharePerMinute * workload.workingSetBytes * minutes;
        break;
      case "goroutine-leak": {
        const leaked = fault.severity * leakedGoroutinesPerMinute * minutes;
        out.leakedGoroutines += leaked;
        out.leakedHeapBytes += leaked * heapPerLeakedGoroutineBytes;
        break;
      }
      case "allocation-spike":
        out.allocMultiplier *= 1 + fault.severity;
        break;
      case "memory-limit-too-low": {
        const limitBytes = Math.round(
          workload.workingSetBytes * (1 + tightLimitHeadroomShare / fault.severity) +
            estimateNonHeapBytes(workload.workingSetBytes, workload.baseGoroutines),
        );
        out.memoryLimitOverrideBytes = Math.min(out.memoryLimitOverrideBytes ?? limitBytes, limitBytes);
        break;
      }
    }
  }
  return out;
}
