import type { Instance } from "@fleetdeck/core";
import type { InstanceWorkload } from "./generated-fleet.ts";
import type { Placement } from "./place-services.ts";
import { keyFor, randomFor } from "./random.ts";

const MiB = 1024 * 1024;

/**
 * The per-instance numbers behind the metrics: the service's template with a little spread per
 * instance (load balancers are never perfectly even, caches differ), and CPU per request chosen
 * so the busiest hour uses 35–60% of the cores the instance may use.
 */
export function instanceWorkload(
  seed: number,
  placement: Placement,
  instance: Instance,
  utcOffsetHours: number,
  nodeCpuCores: number,
): InstanceWorkload {
  const { template } = placement;
  const random = randomFor(seed, "workload", instance.id);
  const peakRps = template.peakRpsPerInstance * random.between(0.9, 1.1);
  const usableCores = Math.min(instance.cpuLimitCores ?? nodeCpuCores, instance.runtimeConfig.gomaxprocs);
  const allocBytesPerRequest = template.allocBytesPerRequest * random.between(0.9, 1.1);
  return {
    instanceId: instance.id,
    serviceIndex: placement.serviceIndex,
    regionIndex: placement.regionIndex,
    utcOffsetHours,
    nightShift: template.layer === "batch",
    peakRps,
    cpuSecondsPerRequest: (random.between(0.35, 0.6) * usableCores) / peakRps,
    allocBytesPerRequest,
    backgroundAllocBytesPerSecond: 0.5 * MiB,
    workingSetBytes: template.workingSetBytes * random.between(0.85, 1.15),
    // About a quarter of what a request allocates is still reachable while it runs.
    inflightBytesPerRequest: allocBytesPerRequest * 0.25,
    requestLatencySeconds: (template.requestLatencyMs / 1000) * random.between(0.9, 1.1),
    baseGoroutines: Math.round(template.baseGoroutines * random.between(0.9, 1.1)),
    globalsBytes: random.between(1, 6) * MiB,
    instanceNoiseKey: keyFor(seed, "noise", instance.id),
    serviceRegionNoiseKey: keyFor(seed, "noise", template.id, instance.regionId),
    heapNoiseKey: keyFor(seed, "heap-noise", instance.id),
    cpuQuotaCores: instance.cpuLimitCores,
    baseConfig: instance.runtimeConfig,
  };
}
