import { describe, expect, it } from "vitest";
import { sampleFor } from "../overview/test-fixtures.ts";
import { changeContent, GiB, MiB, policyInput, targetInstance } from "./change-fixtures.test-support.ts";
import { evaluateChangePolicy } from "./change-policy.ts";
import type { ChangePatch } from "./change-request.ts";
import type { PolicyRuleName } from "./policy-violation.ts";
import type { TargetInstance } from "./target-instance.ts";

function violations(rule: PolicyRuleName, patch: ChangePatch, targets?: TargetInstance[]) {
  const input = policyInput({ content: changeContent({ patch }), ...(targets ? { targets } : {}) });
  return evaluateChangePolicy(input).violations.filter((violation) => violation.rule === rule);
}

describe("gogc-range", () => {
  it("blocks GOGC below 10 and above 2000, saying why", () => {
    expect(violations("gogc-range", { gogc: 5 })).toEqual([
      {
        rule: "gogc-range",
        severity: "block",
        message: "GOGC 5 is outside 10–2000: the GC would run almost continuously",
        instanceIds: [],
      },
    ]);
    expect(violations("gogc-range", { gogc: 2500 })[0]?.message).toBe(
      "GOGC 2500 is outside 10–2000: the heap could grow past 20× the live heap",
    );
  });

  it("accepts the bounds themselves and off", () => {
    expect(violations("gogc-range", { gogc: 10 })).toEqual([]);
    expect(violations("gogc-range", { gogc: 2000 })).toEqual([]);
    expect(violations("gogc-range", { gogc: "off", memoryLimitBytes: 512 * MiB })).toEqual([]);
  });
});

describe("gogc-off-needs-memory-limit", () => {
  it("blocks GOGC off when no GOMEMLIMIT is in force after the patch", () => {
    expect(violations("gogc-off-needs-memory-limit", { gogc: "off" })).toEqual([
      {
        rule: "gogc-off-needs-memory-limit",
        severity: "block",
        message:
          "GOGC off without a GOMEMLIMIT leaves nothing to trigger garbage collection on 2 of 2 instances: checkout-1, checkout-2",
        instanceIds: ["checkout-1", "checkout-2"],
      },
    ]);
  });

  it("accepts GOGC off with a limit from the patch or already in force", () => {
    expect(violations("gogc-off-needs-memory-limit", { gogc: "off", memoryLimitBytes: 512 * MiB })).toEqual([]);
    const limited = targetInstance("checkout-1", {
      currentConfig: { gogc: 100, memoryLimitBytes: 600 * MiB, gomaxprocs: 4 },
    });
    expect(violations("gogc-off-needs-memory-limit", { gogc: "off" }, [limited])).toEqual([]);
  });

  it("blocks removing the limit where GOGC is already off", () => {
    const off = targetInstance("checkout-1", {
      currentConfig: { gogc: "off", memoryLimitBytes: 600 * MiB, gomaxprocs: 4 },
    });
    expect(violations("gogc-off-needs-memory-limit", { memoryLimitBytes: null }, [off])).toHaveLength(1);
  });

  it("asks for an explicit limit when the current one is unknown", () => {
    const unknown = targetInstance("checkout-1", { currentConfig: null });
    expect(violations("gogc-off-needs-memory-limit", { gogc: "off" }, [unknown])[0]?.message).toBe(
      "GOGC off needs a GOMEMLIMIT, and the current one is unknown: set memoryLimitBytes in the change on 1 of 1 instance: checkout-1",
    );
  });
});

describe("memory-limit-below-container", () => {
  it("blocks GOMEMLIMIT above 90 % of the container limit, grouped by container size", () => {
    const targets = [
      targetInstance("a"),
      targetInstance("b"),
      targetInstance("c", { containerMemoryLimitBytes: 2 * GiB }),
      targetInstance("d", { containerMemoryLimitBytes: null }),
    ];
    expect(violations("memory-limit-below-container", { memoryLimitBytes: 950 * MiB }, targets)).toEqual([
      {
        rule: "memory-limit-below-container",
        severity: "block",
        message:
          "GOMEMLIMIT 950 MiB is above 90 % of the container memory limit (1.0 GiB; at most 922 MiB) on 2 of 4 instances: a, b",
        instanceIds: ["a", "b"],
      },
    ]);
  });

  it("accepts exactly 90 %, and a patch that removes the limit", () => {
    expect(violations("memory-limit-below-container", { memoryLimitBytes: Math.floor(0.9 * GiB) })).toEqual([]);
    expect(violations("memory-limit-below-container", { memoryLimitBytes: null })).toEqual([]);
  });
});

describe("memory-limit-above-live-heap", () => {
  it("blocks a limit less than 10 % above the peak live heap plus runtime memory, quoting the worst instance", () => {
    const targets = [
      targetInstance("a"),
      targetInstance("b", { peakLiveHeapBytes: 200 * MiB }),
      targetInstance("c", { latestSample: sampleFor("c", { heapLiveBytes: 10 * MiB }) }),
    ];
    const [violation, ...rest] = violations("memory-limit-above-live-heap", { memoryLimitBytes: 120 * MiB }, targets);
    expect(rest).toEqual([]);
    expect(violation?.severity).toBe("block");
    expect(violation?.instanceIds).toEqual(["a", "b"]);
    // b's day peak of 200 MiB, with 4 MiB + 500 × 8 KiB + 3 % runtime memory, plus the 10 % margin.
    const needed = (200 * MiB + 4 * MiB + 500 * 8 * 1024 + 6 * MiB) * 1.1;
    expect(needed).toBeCloseTo(235.3 * MiB, -5);
    expect(violation?.message).toBe(
      "GOMEMLIMIT 120 MiB is less than 10 % above the peak live heap plus runtime memory on 2 of 3 instances: a, b (worst: b needs at least 235 MiB, live heap 200 MiB)",
    );
  });

  it("skips instances without a live heap, which the no-data warning names instead", () => {
    const input = policyInput({
      content: changeContent({ patch: { memoryLimitBytes: 120 * MiB } }),
      targets: [targetInstance("a", { latestSample: null })],
    });
    const result = evaluateChangePolicy(input).violations;
    expect(result.filter((v) => v.rule === "memory-limit-above-live-heap")).toEqual([]);
    expect(result.find((v) => v.rule === "gc-data-available")).toEqual({
      rule: "gc-data-available",
      severity: "warn",
      message: "no prediction (no GC sample), so the memory and headroom checks skipped it on 1 of 1 instance: a",
      instanceIds: ["a"],
    });
  });
});

describe("gomaxprocs-within-cpu-quota", () => {
  it("blocks more Ps than the rounded-up CPU quota, and ignores unlimited instances", () => {
    const targets = [
      targetInstance("a", { cpuLimitCores: 2.5 }),
      targetInstance("b", { cpuLimitCores: 1 }),
      targetInstance("c", { cpuLimitCores: null }),
    ];
    expect(violations("gomaxprocs-within-cpu-quota", { gomaxprocs: 3 }, targets)).toEqual([
      {
        rule: "gomaxprocs-within-cpu-quota",
        severity: "block",
        message: "GOMAXPROCS 3 is above the container CPU quota of 1 core on 1 of 3 instances: b",
        instanceIds: ["b"],
      },
    ]);
    expect(violations("gomaxprocs-within-cpu-quota", { gomaxprocs: 4 }, targets).map((v) => v.message)).toEqual([
      "GOMAXPROCS 4 is above the container CPU quota of 3 cores on 1 of 3 instances: a",
      "GOMAXPROCS 4 is above the container CPU quota of 1 core on 1 of 3 instances: b",
    ]);
  });
});

describe("runtime-config-known", () => {
  it("warns that instances with an unknown config were not compared", () => {
    const targets = [targetInstance("a", { currentConfig: null }), targetInstance("b")];
    expect(violations("runtime-config-known", { gogc: 150 }, targets)).toEqual([
      {
        rule: "runtime-config-known",
        severity: "warn",
        message:
          "the current runtime config is unknown, so the GOGC and risk rules could not compare with it on 1 of 2 instances: a",
        instanceIds: ["a"],
      },
    ]);
    expect(violations("runtime-config-known", { grayRatio: 0.2 }, targets)).toEqual([]);
  });
});

describe("instance lists in messages", () => {
  it("names five instances and counts the rest", () => {
    const targets = Array.from({ length: 12 }, (_, i) => targetInstance(`i-${String(i).padStart(2, "0")}`));
    expect(violations("gogc-off-needs-memory-limit", { gogc: "off" }, targets)[0]?.message).toBe(
      "GOGC off without a GOMEMLIMIT leaves nothing to trigger garbage collection on 12 of 12 instances: i-00, i-01, i-02, i-03, i-04 and 7 more",
    );
  });
});
