import { describe, expect, it } from "vitest";
import { sampleFor } from "../overview/test-fixtures.ts";
import { aggregateSamples, SampleFolder } from "./aggregate-samples.ts";
import {
  buildComparePanel,
  buildGcPanels,
  configChangeMarkers,
  downsamplePanel,
  mergeConfigChangeMarkers,
} from "./gc-panels.ts";

const MiB = 1024 * 1024;
const minute = 60_000;

function seriesOf(instanceId: string, count: number, shape: (i: number) => Parameters<typeof sampleFor>[1]) {
  return Array.from({ length: count }, (_, i) => sampleFor(instanceId, { timestampMs: i * minute, ...shape(i) }));
}

describe("buildGcPanels", () => {
  it("draws every GC chart from the samples on one time axis per chart", () => {
    const samples = seriesOf("a", 3, (i) => ({ heapInUseBytes: (100 + i) * MiB, memoryLimitBytes: 512 * MiB }));
    const panels = buildGcPanels(samples, 100);
    expect(panels.map((p) => p.id)).toEqual([
      "pauses",
      "cycles",
      "heap",
      "gcCpu",
      "gcCores",
      "allocRate",
      "goroutines",
      "rss",
    ]);
    const heap = panels.find((p) => p.id === "heap");
    expect(heap?.timestampsMs).toEqual([0, minute, 2 * minute]);
    expect(heap?.lines.map((l) => l.key)).toEqual([
      "heapLiveBytes",
      "heapInUseBytes",
      "heapGoalBytes",
      "memoryLimitBytes",
    ]);
    expect(heap?.lines[1]?.values).toEqual([100 * MiB, 101 * MiB, 102 * MiB]);
    expect(heap?.lines[3]?.values).toEqual([512 * MiB, 512 * MiB, 512 * MiB]);
  });

  it("downsamples a long range to the budget and keeps a pause spike of any line", () => {
    const samples = seriesOf("a", 10_080, (i) => ({
      pause: { ...sampleFor("x").pause, p99Seconds: i === 7_777 ? 0.5 : 0.001, maxSeconds: 0.002 },
    }));
    const pauses = buildGcPanels(samples, 300).find((p) => p.id === "pauses");
    expect(pauses?.timestampsMs.length).toBeLessThanOrEqual(300);
    expect(pauses?.lines[1]?.values).toContain(0.5);
    expect(pauses?.timestampsMs).toContain(7_777 * minute);
  });

  it("keeps nulls as gaps when a line has no value", () => {
    const panel = downsamplePanel(
      { id: "p", timestampsMs: [0, 1, 2, 3, 4, 5], lines: [{ key: "x", values: [1, 2, null, null, 5, 6] }] },
      4,
    );
    expect(panel.lines[0]?.values).toContain(null);
  });
});

describe("buildComparePanel", () => {
  it("puts one line per subject on a shared time axis, null where a subject has no sample", () => {
    const panel = buildComparePanel(
      [
        { key: "a", samples: seriesOf("a", 3, (i) => ({ gcCpuCores: i })) },
        {
          key: "b",
          samples: seriesOf("b", 2, () => ({ gcCpuCores: 9 })).map((s) => ({
            ...s,
            timestampMs: s.timestampMs + minute,
          })),
        },
      ],
      "gcCpuCores",
      100,
    );
    expect(panel.timestampsMs).toEqual([0, minute, 2 * minute]);
    expect(panel.lines).toEqual([
      { key: "a", values: [0, 1, 2] },
      { key: "b", values: [null, 9, 9] },
    ]);
  });
});

describe("aggregateSamples", () => {
  it("sums cores and bytes, takes the worst pause, averages ratios, and keeps a setting only when shared", () => {
    const [point] = aggregateSamples("svc", [
      [
        sampleFor("a", {
          gcCpuCores: 0.5,
          gcCpuFraction: 0.1,
          pause: { ...sampleFor("x").pause, p99Seconds: 0.003 },
          memoryLimitBytes: 100,
          gogc: 100,
        }),
      ],
      [sampleFor("b", { gcCpuCores: 0.25, gcCpuFraction: 0.3, memoryLimitBytes: 200, gogc: 200 })],
    ]);
    expect(point?.instanceId).toBe("svc");
    expect(point?.gcCpuCores).toBe(0.75);
    expect(point?.gcCpuFraction).toBeCloseTo(0.2);
    expect(point?.pause.p99Seconds).toBe(0.003);
    expect(point?.memoryLimitBytes).toBe(300);
    expect(point?.gogc).toBeNull();
    expect(point?.gomaxprocs).toBe(4);
    expect(point?.heapInUseBytes).toBe(300 * MiB);
  });

  it("skips what a member did not report instead of counting it as zero", () => {
    const [point] = aggregateSamples("svc", [
      [{ ...sampleFor("a"), gcCpuFraction: null, goroutines: null, memoryLimitBytes: null }],
      [sampleFor("b", { gcCpuFraction: 0.4, goroutines: 10, memoryLimitBytes: 5 })],
    ]);
    expect(point?.gcCpuFraction).toBe(0.4);
    expect(point?.goroutines).toBe(10);
    expect(point?.memoryLimitBytes).toBeNull();
  });
});

describe("SampleFolder", () => {
  it("folds series added one at a time into points ordered by time, with the fastest minimum pause", () => {
    const folder = new SampleFolder("svc");
    const pauseOf = (minSeconds: number) => ({ ...sampleFor("x").pause, minSeconds });
    folder.add([sampleFor("a", { timestampMs: 2, goroutines: 1, pause: pauseOf(0.002) })]);
    folder.add([
      sampleFor("b", { timestampMs: 1, goroutines: 5 }),
      sampleFor("b", { timestampMs: 2, goroutines: 2, pause: pauseOf(0.001), gogc: 50 }),
    ]);
    const points = folder.result();
    expect(points.map((p) => [p.timestampMs, p.goroutines])).toEqual([
      [1, 5],
      [2, 3],
    ]);
    expect(points[1]?.pause.minSeconds).toBe(0.001);
    expect(points[1]?.gogc).toBeNull();
    expect(points[0]?.gogc).toBe(100);
  });
});

describe("config change markers", () => {
  it("marks where GOGC, GOMEMLIMIT or GOMAXPROCS changed, ignoring unreported values", () => {
    const samples = [
      sampleFor("a", { timestampMs: 0, gogc: 100 }),
      { ...sampleFor("a", { timestampMs: 1 }), gogc: null },
      sampleFor("a", { timestampMs: 2, gogc: 200, memoryLimitBytes: 64 * MiB }),
      sampleFor("a", { timestampMs: 3, gogc: 200, memoryLimitBytes: 64 * MiB, gomaxprocs: 2 }),
    ];
    expect(configChangeMarkers(samples)).toEqual([
      { atMs: 2, setting: "gogc", from: 100, to: 200, instances: 1 },
      { atMs: 2, setting: "memoryLimitBytes", from: null, to: 64 * MiB, instances: 1 },
      { atMs: 3, setting: "gomaxprocs", from: 4, to: 2, instances: 1 },
    ]);
  });

  it("merges the same change of several instances into one marker with a count", () => {
    const change = { atMs: 5, setting: "gogc" as const, from: 100, to: 200, instances: 1 };
    const merged = mergeConfigChangeMarkers([[change], [change], [{ ...change, atMs: 9 }]]);
    expect(merged).toEqual([
      { ...change, instances: 2 },
      { ...change, atMs: 9, instances: 1 },
    ]);
  });
});
