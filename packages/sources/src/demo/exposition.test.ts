import type { GcSample } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import {
  escapeLabelValue,
  formatValue,
  type GoRuntimeCounters,
  pauseHistogramBoundsSeconds,
  renderGoRuntimeExposition,
  renderMetricFamilies,
} from "./exposition.ts";

const sample: GcSample = {
  instanceId: "cart-1",
  timestampMs: 1_700_000_010_000,
  gcCyclesPerSecond: 0.5,
  pause: { minSeconds: 1e-5, p25Seconds: 4e-5, p50Seconds: 7e-5, p75Seconds: 1e-4, p99Seconds: 4e-4, maxSeconds: 5e-4 },
  heapLiveBytes: 100_000_000,
  heapInUseBytes: 150_000_000,
  heapGoalBytes: 200_000_000,
  memoryLimitBytes: null,
  gcCpuFraction: 0.025,
  gcCpuCores: 0.1,
  cpuUsageCores: 1.5,
  goroutines: 420,
  allocRateBytesPerSecond: 50_000_000,
  rssBytes: 260_000_000,
  gogc: "off",
  gomaxprocs: 4,
  requestsPerSecond: 100,
};

const counters: GoRuntimeCounters = {
  gcCycles: 10.25,
  gcPauseSeconds: 0.001,
  allocatedBytes: 5e8,
  cpuSeconds: 15,
  gcCpuSeconds: 1,
  totalCpuSeconds: 40,
  pauseBucketCounts: pauseHistogramBoundsSeconds.map((_, index) => Math.min(10.25, index)),
};

function render(goVersion: string) {
  return renderGoRuntimeExposition({ sample, goVersion, processStartTimeSeconds: 1_700_000_000, counters });
}

/** name{labels} → value, from the exposition's sample lines. */
function samplesOf(text: string): Map<string, string> {
  const lines = text.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
  return new Map(lines.map((line) => [line.slice(0, line.lastIndexOf(" ")), line.slice(line.lastIndexOf(" ") + 1)]));
}

describe("renderGoRuntimeExposition", () => {
  it("exposes the classic client_golang set under its names and types for an old Go", () => {
    const text = render("go1.19.13");
    const samples = samplesOf(text);
    expect(samples.get('go_gc_duration_seconds{quantile="0.5"}')).toBe("0.00007");
    expect(samples.get("go_gc_duration_seconds_count")).toBe("10.25");
    expect(samples.get("go_gc_duration_seconds_sum")).toBe("0.001");
    expect(samples.get("go_goroutines")).toBe("420");
    expect(samples.get('go_info{version="go1.19.13"}')).toBe("1");
    expect(samples.get("go_memstats_heap_inuse_bytes")).toBe("150000000");
    expect(samples.get("go_memstats_next_gc_bytes")).toBe("200000000");
    expect(samples.get("go_memstats_alloc_bytes_total")).toBe("500000000");
    expect(samples.get("process_cpu_seconds_total")).toBe("15");
    expect(samples.get("process_resident_memory_bytes")).toBe("260000000");
    // A quarter of the way into a cycle at 0.5 cycles/s: the last GC was half a second ago.
    expect(samples.get("go_memstats_last_gc_time_seconds")).toBe("1700000009.5");
    expect(text).toContain("# TYPE go_gc_duration_seconds summary\n");
    expect(text).toContain("# TYPE go_memstats_alloc_bytes_total counter\n");
    expect(text).not.toContain("go_gc_gogc_percent");
    expect(text).not.toContain("go_cpu_classes");
    expect(text.endsWith("\n")).toBe(true);
  });

  it("adds the runtime/metrics names as the Go version gains them", () => {
    const go120 = samplesOf(render("go1.20.14"));
    expect(go120.get("go_cpu_classes_gc_total_cpu_seconds_total")).toBe("1");
    expect(go120.has("go_gc_gogc_percent")).toBe(false);

    const go121 = samplesOf(render("go1.21.13"));
    expect(go121.get("go_gc_gogc_percent")).toBe("-1");
    expect(Number(go121.get("go_gc_gomemlimit_bytes"))).toBeGreaterThanOrEqual(2 ** 63 - 1);
    expect(go121.get("go_sched_gomaxprocs_threads")).toBe("4");
    expect(go121.get("go_gc_heap_live_bytes")).toBe("100000000");
    expect(go121.has('go_sched_pauses_total_gc_seconds_bucket{le="+Inf"}')).toBe(false);

    const go122 = samplesOf(render("go1.22.12"));
    expect(go122.get('go_sched_pauses_total_gc_seconds_bucket{le="+Inf"}')).toBe("10.25");
    expect(go122.get('go_sched_pauses_total_gc_seconds_bucket{le="0.0001"}')).toBe("3");
    expect(go122.get("go_sched_pauses_total_gc_seconds_count")).toBe("10.25");
  });

  it("stamps every sample with the sample's time when asked", () => {
    const stamped = renderGoRuntimeExposition({
      sample,
      goVersion: "go1.19.13",
      processStartTimeSeconds: 1_700_000_000,
      counters,
      stampSamples: true,
    });
    const lines = stamped.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
    expect(lines.every((line) => line.endsWith(" 1700000010000"))).toBe(true);
    expect(lines).toContain("go_goroutines 420 1700000010000");
  });

  it("lists each family once, HELP and TYPE before its samples, in name order", () => {
    const text = render("go1.23.6");
    const types = text.split("\n").filter((line) => line.startsWith("# TYPE"));
    const names = types.map((line) => line.split(" ")[2]);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
    for (const line of text.split("\n").filter((l) => l && !l.startsWith("#"))) {
      const name = line.split(/[{ ]/)[0] as string;
      expect(
        names.some((family) => name === family || name.startsWith(`${family}_`)),
        name,
      ).toBe(true);
    }
  });
});

describe("text format escaping", () => {
  it("escapes backslash, quote and newline in label values", () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const text = renderMetricFamilies([
      {
        name: "x_info",
        help: "line one\nback\\slash",
        type: "gauge",
        samples: [{ labels: { path: 'C:\\"tmp"' }, value: 1 }],
      },
    ]);
    expect(text).toBe(
      '# HELP x_info line one\\nback\\\\slash\n# TYPE x_info gauge\nx_info{path="C:\\\\\\"tmp\\""} 1\n',
    );
  });

  it("spells out infinities and NaN as Go does", () => {
    expect([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1e-7, 2.5].map(formatValue)).toEqual([
      "+Inf",
      "-Inf",
      "NaN",
      "1e-7",
      "2.5",
    ]);
  });
});
