import { estimateNonHeapBytes, type GcModelInput } from "../gc/gc-model.ts";
import type { ObservedGcSample } from "../model/gc-sample.ts";
import type { RuntimeConfig } from "../model/inventory.ts";

/** An average goroutine stack, the figure estimateNonHeapBytes assumes too. */
const stackBytesPerGoroutine = 8 * 1024;

/** The sample fields without which the GC model would have to guess. */
const requiredFields = ["heapLiveBytes", "allocRateBytesPerSecond", "goroutines"] as const;

export type SampleModelInput =
  | { kind: "input"; input: GcModelInput }
  | { kind: "missing"; fields: (typeof requiredFields)[number][] };

/**
 * The GC model's input for a measured instance under a given runtime config. The workload (live
 * heap, allocation rate, goroutines, application CPU) comes from the sample; roots are the
 * goroutine stacks (globals are not measured) and non-heap memory is the model's estimate, as the
 * demo fleet computes them. Says which fields are missing rather than guessing them.
 */
export function gcModelInputOfSample(
  sample: ObservedGcSample,
  config: RuntimeConfig,
  cpuQuotaCores: number | null,
): SampleModelInput {
  const { heapLiveBytes: liveHeapBytes, allocRateBytesPerSecond, goroutines } = sample;
  if (liveHeapBytes === null || allocRateBytesPerSecond === null || goroutines === null) {
    return { kind: "missing", fields: requiredFields.filter((field) => sample[field] === null) };
  }
  const mutatorCpuCores =
    sample.cpuUsageCores !== null && sample.gcCpuCores !== null
      ? Math.max(sample.cpuUsageCores - sample.gcCpuCores, 0)
      : undefined;
  return {
    kind: "input",
    input: {
      liveHeapBytes,
      rootsBytes: goroutines * stackBytesPerGoroutine,
      allocRateBytesPerSecond,
      gogc: config.gogc,
      memoryLimitBytes: config.memoryLimitBytes,
      nonHeapBytes: estimateNonHeapBytes(liveHeapBytes, goroutines),
      gomaxprocs: config.gomaxprocs,
      cpuQuotaCores,
      goroutines,
      ...(mutatorCpuCores === undefined ? {} : { mutatorCpuCores }),
    },
  };
}
