import { serviceCallSites } from "./demo-profiles-call-sites.ts";
import type { CallPath } from "./demo-profiles-frames.ts";
import type { DemoProfileState } from "./demo-profiles-state.ts";

/** One allocation site of a heap or allocs profile, in bytes before sampling. */
export interface MemorySite {
  path: CallPath;
  allocBytes: number;
  inuseBytes: number;
  objectBytes: number;
}

/**
 * A heap profile counts allocations since the process started. The demo has no start, so it
 * reads as if the process had run this long at the current allocation rate.
 */
export const demoUptimeSeconds = 3_600;

/**
 * The live heap split over the service's allocation sites, leaks apart: a memory leak shows as a
 * session store holding what it never evicts, a goroutine leak as the channels and buffers of
 * stranded subscriptions. Allocated bytes follow the allocation rate, a spike's culprit included.
 */
export function memoryProfileSites(state: DemoProfileState): MemorySite[] {
  const sites = serviceCallSites(state.serviceId);
  const { heapLiveBytes, allocRateBytesPerSecond } = state.sample;
  const leaked = state.memoryLeakHeapBytes + state.goroutineLeakHeapBytes;
  const ordinaryLiveBytes = Math.max(0, heapLiveBytes - leaked);
  const allocatedBytes = allocRateBytesPerSecond * demoUptimeSeconds;
  const memory: MemorySite[] = sites.allocationSites(state.allocMultiplier).map((site) => ({
    path: site.path,
    allocBytes: allocatedBytes * site.allocShare,
    inuseBytes: ordinaryLiveBytes * site.liveShare,
    objectBytes: site.objectBytes,
  }));
  // Leaked memory is allocated once and never freed: allocated equals in use.
  if (state.memoryLeakHeapBytes > 0) {
    const bytes = state.memoryLeakHeapBytes;
    memory.push({ path: sites.memoryLeakSite, allocBytes: bytes, inuseBytes: bytes, objectBytes: 512 });
  }
  if (state.goroutineLeakHeapBytes > 0) {
    const bytes = state.goroutineLeakHeapBytes;
    memory.push({ path: sites.goroutineLeakSite, allocBytes: bytes, inuseBytes: bytes, objectBytes: 2048 });
  }
  return memory;
}
