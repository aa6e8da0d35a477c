import { describe, expect, it } from "vitest";
import { sampleFor } from "../overview/test-fixtures.ts";
import { GiB, MiB, targetInstance } from "./change-fixtures.test-support.ts";
import { type InstanceChangePrediction, predictChange } from "./change-prediction.ts";

/** Goroutine stacks of the fixture's 500 goroutines at 8 KiB: the roots GOGC scales with the heap. */
const rootsBytes = 500 * 8 * 1024;
/** estimateNonHeapBytes for a 100 MiB live heap and 500 goroutines. */
const nonHeapBytes = 4 * MiB + rootsBytes + 0.03 * 100 * MiB;

function predicted(prediction: InstanceChangePrediction) {
  if (prediction.kind !== "predicted") throw new Error(`${prediction.instanceId}: ${prediction.reason}`);
  return prediction;
}

describe("predictChange", () => {
  it("predicts heap goal, cycles and headroom now and under the patch from the same workload", () => {
    const result = predictChange([targetInstance("checkout-1")], { gogc: 200 });
    const { before, after } = predicted(result.instances[0]!);
    // GC guide: goal = live + (live + roots) × GOGC/100.
    expect(before.heapGoalBytes).toBeCloseTo(100 * MiB + (100 * MiB + rootsBytes), 0);
    expect(after.heapGoalBytes).toBeCloseTo(100 * MiB + 2 * (100 * MiB + rootsBytes), 0);
    expect(before.gcCyclesPerSecond).toBeCloseTo((100 * MiB) / (100 * MiB + rootsBytes), 6);
    expect(after.gcCyclesPerSecond).toBeCloseTo(before.gcCyclesPerSecond / 2, 6);
    expect(after.config).toEqual({ gogc: 200, memoryLimitBytes: null, gomaxprocs: 4 });
    expect(before.memoryLimitBytes).toBe(GiB);
    expect(before.headroomRatio).toBeCloseTo(1 - (before.heapGoalBytes + nonHeapBytes) / GiB, 6);
    expect(after.gcCpuCores).toBeLessThan(before.gcCpuCores);
    expect(after.pauseP99Seconds).toBeGreaterThan(0);
  });

  it("sums cores saved and memory added over the service", () => {
    const result = predictChange([targetInstance("checkout-1"), targetInstance("checkout-2")], { gogc: 200 });
    const [one, two] = result.instances.map(predicted);
    expect(result.predictedInstanceCount).toBe(2);
    expect(result.memoryAddedBytes).toBeCloseTo(2 * (100 * MiB + rootsBytes), 0);
    expect(result.gcCpuCoresSaved).toBeCloseTo(
      one!.before.gcCpuCores - one!.after.gcCpuCores + two!.before.gcCpuCores - two!.after.gcCpuCores,
      9,
    );
    expect(result.gcCpuCoresSaved).toBeGreaterThan(0);
  });

  it("reports cores spent and memory freed as negative numbers when GOGC goes down", () => {
    const result = predictChange([targetInstance("checkout-1")], { gogc: 50 });
    expect(result.gcCpuCoresSaved).toBeLessThan(0);
    expect(result.memoryAddedBytes).toBeCloseTo(-0.5 * (100 * MiB + rootsBytes), 0);
  });

  it("flags where GOMEMLIMIT binds and where headroom to the limit falls under 15 %", () => {
    const noContainerLimit = targetInstance("checkout-1", { containerMemoryLimitBytes: null });
    const smallContainer = targetInstance("checkout-2", { containerMemoryLimitBytes: 320 * MiB });
    const result = predictChange([noContainerLimit, smallContainer], { memoryLimitBytes: 150 * MiB });
    const first = predicted(result.instances[0]!);
    expect(first.before.memoryLimitBytes).toBeNull();
    expect(first.after.memoryLimitBinding).toBe(true);
    expect(first.after.heapGoalBytes).toBeCloseTo(150 * MiB - nonHeapBytes, 0);
    // Without a container limit the headroom is to GOMEMLIMIT, which a binding limit uses up.
    expect(first.after.headroomRatio).toBeCloseTo(0, 9);
    expect(predicted(result.instances[1]!).after.headroomRatio).toBeCloseTo(1 - 150 / 320, 6);
    expect(result.limitBindingInstanceIds).toEqual(["checkout-1", "checkout-2"]);
    expect(result.lowHeadroomInstanceIds).toEqual(["checkout-1"]);
  });

  it("lists instances without a sample, a known config or the workload fields as no data, never guessing", () => {
    const result = predictChange(
      [
        targetInstance("a", { latestSample: null }),
        targetInstance("b", { currentConfig: null }),
        targetInstance("c", { latestSample: { ...sampleFor("c"), heapLiveBytes: null, goroutines: null } }),
        targetInstance("d"),
      ],
      { gogc: 200 },
    );
    expect(result.instances.slice(0, 3)).toEqual([
      { instanceId: "a", kind: "no_data", reason: "no GC sample" },
      { instanceId: "b", kind: "no_data", reason: "current runtime config unknown" },
      { instanceId: "c", kind: "no_data", reason: "the GC sample lacks heapLiveBytes, goroutines" },
    ]);
    expect(result.noDataInstanceIds).toEqual(["a", "b", "c"]);
    expect(result.predictedInstanceCount).toBe(1);
    expect(result.memoryAddedBytes).toBeCloseTo(100 * MiB + rootsBytes, 0);
  });
});
