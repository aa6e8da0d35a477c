import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { computeTop, type Profile, type ProfileKind, sampleTypeIndexOf } from "@fleetdeck/core";
import { decodeProfile } from "@fleetdeck/pprof";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProfileCaptureCancelled } from "../profiles/profile-capture-errors.ts";
import { createDemoFleet, type DemoFleet } from "./demo-fleet.ts";
import type { DemoFaultRequest } from "./faults.ts";

const seed = 42;
const atMs = Date.UTC(2024, 5, 3, 14);
const minuteMs = 60_000;

/** One checkout instance, in a fleet of its own so faults do not leak between tests. */
async function fleetWith(fault?: Omit<DemoFaultRequest, "target">) {
  const fleet = createDemoFleet({ seed, clock: { nowMs: () => atMs } });
  const instance = (await fleet.inventory()).instances.find((i) => i.serviceId === "checkout");
  if (!instance) throw new Error("the demo fleet has no checkout instance");
  if (fault) fleet.injectFault({ ...fault, target: { instanceIds: [instance.id] } });
  const [sample] = await fleet.gcSnapshot(atMs, [instance.id]);
  if (!sample) throw new Error("no sample");
  const profile = (kind: ProfileKind, seconds = 10) =>
    decodeProfile(fleet.profileAt(instance.id, { kind, seconds }, atMs), { label: `${instance.id} ${kind}` });
  return { fleet, instanceId: instance.id, sample, profile };
}

/** Share of the sample type's total in samples whose stack has a frame matching every pattern. */
function shareWith(profile: Profile, sampleType: string, ...patterns: RegExp[]): number {
  const t = sampleTypeIndexOf(profile, sampleType);
  const width = profile.sampleTypes.length;
  let matched = 0;
  let total = 0;
  for (let s = 0; s < profile.sampleCount; s++) {
    const value = profile.values[s * width + t] as number;
    total += value;
    const names: string[] = [];
    for (let f = profile.stackStart[s] as number; f < (profile.stackStart[s + 1] as number); f++) {
      names.push(profile.functions[profile.frameFunction[profile.stackFrames[f] as number] as number]?.name ?? "");
    }
    if (patterns.every((pattern) => names.some((name) => pattern.test(name)))) matched += value;
  }
  return total === 0 ? 0 : matched / total;
}

const handler = /\/internal\/checkout\/handler\.\(\*Server\)\.Serve/;

describe("demo CPU profiles reflect the instance's GC load", () => {
  it("a GC-heavy instance shows mark-worker towers and assists under its handlers; a healthy one does not", async () => {
    const healthy = await fleetWith();
    const heavy = await fleetWith({ kind: "memory-limit-too-low", startMs: atMs - 10 * minuteMs, severity: 5 });
    expect(heavy.sample.gcCpuFraction).toBeGreaterThan(0.3);
    expect(healthy.sample.gcCpuFraction).toBeLessThan(0.1);

    const heavyCpu = heavy.profile("cpu");
    const healthyCpu = healthy.profile("cpu");
    const gcShare = (profile: Profile) =>
      shareWith(profile, "cpu", /^runtime\.(gcBgMarkWorker|gcAssistAlloc|bgsweep|bgscavenge)$/);
    // The profile's GC share is the simulated one, give or take the jitter.
    expect(gcShare(heavyCpu)).toBeCloseTo(heavy.sample.gcCpuCores / heavy.sample.cpuUsageCores, 1);
    expect(gcShare(healthyCpu)).toBeCloseTo(healthy.sample.gcCpuCores / healthy.sample.cpuUsageCores, 1);

    expect(shareWith(heavyCpu, "cpu", /^runtime\.gcBgMarkWorker$/, /^runtime\.gcDrain$/)).toBeGreaterThan(0.15);
    expect(shareWith(heavyCpu, "cpu", /^runtime\.gcDrain$/, /^runtime\.scanobject$/)).toBeGreaterThan(0.1);
    expect(shareWith(heavyCpu, "cpu", /^runtime\.gcDrain$/, /^runtime\.markroot$/)).toBeGreaterThan(0.01);
    expect(shareWith(heavyCpu, "cpu", handler, /^runtime\.mallocgc$/, /^runtime\.gcAssistAlloc$/)).toBeGreaterThan(
      0.15,
    );

    expect(shareWith(healthyCpu, "cpu", /^runtime\.gcBgMarkWorker$/)).toBeLessThan(0.05);
    expect(shareWith(healthyCpu, "cpu", /^runtime\.gcAssistAlloc$/)).toBeLessThan(0.03);
    expect(shareWith(healthyCpu, "cpu", handler)).toBeGreaterThan(0.5);
    expect(shareWith(healthyCpu, "cpu", /^encoding\/json\./)).toBeGreaterThan(0.1);
    expect(shareWith(healthyCpu, "cpu", /^syscall\.Syscall$/)).toBeGreaterThan(0.03);
    expect(shareWith(healthyCpu, "cpu", /^runtime\.schedule$/)).toBeGreaterThan(0.02);
  });

  it("writes a CPU profile as Go does: samples/count and cpu/nanoseconds at 100 Hz, as long as asked", async () => {
    const { profile, sample } = await fleetWith();
    const cpu = profile("cpu", 10);
    expect(cpu.sampleTypes).toEqual([
      { type: "samples", unit: "count" },
      { type: "cpu", unit: "nanoseconds" },
    ]);
    expect(cpu.defaultSampleTypeIndex).toBe(1);
    expect(cpu.period).toBe(10_000_000);
    expect(cpu.durationNanos).toBe(10e9);
    expect(cpu.timeMs).toBe(atMs);
    const top = computeTop(cpu, 1);
    expect(top.total / 10e9).toBeCloseTo(sample.cpuUsageCores, 0);
    expect(computeTop(cpu, 0).total * 10_000_000).toBe(top.total);
  });

  it("makes mallocgc costlier during an allocation spike", async () => {
    const normal = (await fleetWith()).profile("cpu");
    const spiking = (await fleetWith({ kind: "allocation-spike", startMs: atMs - minuteMs, severity: 4 })).profile(
      "cpu",
    );
    const malloc = (profile: Profile) => shareWith(profile, "cpu", /^runtime\.mallocgc$/);
    expect(malloc(spiking)).toBeGreaterThan(2 * malloc(normal));
    expect(shareWith(spiking, "cpu", /store\.\(\*Index\)\.snapshot$/, /^runtime\.mallocgc$/)).toBeGreaterThan(0.05);
  });
});

describe("demo memory profiles", () => {
  it("splits the live heap over the service's allocation sites, inuse_space by default", async () => {
    const { profile, sample } = await fleetWith();
    const heap = profile("heap");
    expect(heap.sampleTypes.map((t) => `${t.type}/${t.unit}`)).toEqual([
      "alloc_objects/count",
      "alloc_space/bytes",
      "inuse_objects/count",
      "inuse_space/bytes",
    ]);
    expect(heap.sampleTypes[heap.defaultSampleTypeIndex]?.type).toBe("inuse_space");
    expect(heap.period).toBe(512 * 1024);
    const inuse = computeTop(heap, 3);
    expect(inuse.total / sample.heapLiveBytes).toBeCloseTo(1, 1);
    expect(inuse.functions[0]?.name).toMatch(/\/internal\/checkout\/store\./);
  });

  it("names alloc_space the default of an allocs profile, and shows a spike's culprit there", async () => {
    const allocs = (await fleetWith({ kind: "allocation-spike", startMs: atMs - minuteMs, severity: 2 })).profile(
      "allocs",
    );
    expect(allocs.sampleTypes[allocs.defaultSampleTypeIndex]?.type).toBe("alloc_space");
    // Severity 2 triples allocation: two thirds of it come from the one culprit.
    expect(shareWith(allocs, "alloc_space", /store\.\(\*Index\)\.snapshot$/)).toBeCloseTo(2 / 3, 1);
  });

  it("shows a memory leak as a session store holding what it never evicts", async () => {
    const leaking = await fleetWith({ kind: "memory-leak", startMs: atMs - 30 * minuteMs, severity: 2 });
    const heap = leaking.profile("heap");
    const top = computeTop(heap, 3);
    expect(top.functions[0]?.name).toBe("runtime.mapassign_faststr");
    expect(shareWith(heap, "inuse_space", /session\.\(\*Store\)\.Remember$/)).toBeGreaterThan(0.4);
  });
});

describe("demo goroutine, mutex and block profiles", () => {
  it("counts every goroutine, and a leak as thousands parked in a subscription", async () => {
    const healthy = await fleetWith();
    const goroutines = healthy.profile("goroutine");
    expect(goroutines.sampleTypes).toEqual([{ type: "goroutine", unit: "count" }]);
    expect(computeTop(goroutines, 0).total).toBe(Math.round(healthy.sample.goroutines));
    expect(shareWith(goroutines, "goroutine", /\(\*Subscriber\)\.wait$/)).toBe(0);

    const leaking = await fleetWith({ kind: "goroutine-leak", startMs: atMs - 10 * minuteMs });
    const leaked = leaking.profile("goroutine");
    const top = computeTop(leaked, 0);
    expect(top.total).toBe(Math.round(leaking.sample.goroutines));
    const waiting = top.functions.find((f) => f.name.endsWith("events.(*Subscriber).wait"));
    expect(waiting?.cum).toBeGreaterThanOrEqual(9_900);
    expect(top.functions[0]).toMatchObject({ name: "runtime.gopark", flat: top.total - (top.functions[1]?.flat ?? 0) });
  });

  it("writes mutex and block profiles with contentions/count and delay/nanoseconds", async () => {
    const { profile } = await fleetWith();
    for (const kind of ["mutex", "block"] as const) {
      const contention = profile(kind);
      expect(contention.sampleTypes).toEqual([
        { type: "contentions", unit: "count" },
        { type: "delay", unit: "nanoseconds" },
      ]);
      expect(computeTop(contention, 1).total).toBeGreaterThan(0);
    }
    expect(computeTop(profile("mutex"), 1).functions[0]?.name).toMatch(/^sync\.\(\*(RW)?Mutex\)\.R?Unlock$/);
    expect(computeTop(profile("block"), 1).functions[0]?.name).toBe("runtime.selectgo");
  });
});

describe("demo profiles are stable and real", () => {
  it("repeats a capture exactly within a 10 s bucket, but for its time, and varies across buckets", async () => {
    const { fleet, instanceId } = await fleetWith();
    const bytesAt = (tMs: number) => Buffer.from(fleet.profileAt(instanceId, { kind: "cpu", seconds: 5 }, tMs));
    const topAt = (tMs: number) => computeTop(decodeProfile(bytesAt(tMs), { label: "cpu" }), 1);
    expect(bytesAt(atMs).equals(bytesAt(atMs))).toBe(true);
    expect(topAt(atMs + 9_999)).toEqual(topAt(atMs));
    expect(topAt(atMs + 10_000)).not.toEqual(topAt(atMs));
  });

  it("opens in go tool pprof, which reads the same type and top function", async () => {
    const { profile, fleet, instanceId } = await fleetWith({
      kind: "memory-limit-too-low",
      startMs: atMs - 10 * minuteMs,
      severity: 5,
    });
    const dir = await mkdtemp(join(tmpdir(), "fleetdeck-demo-profiles-"));
    try {
      for (const kind of ["cpu", "heap", "allocs", "goroutine", "mutex", "block"] as const) {
        const file = join(dir, `${kind}.pb.gz`);
        await writeFile(file, fleet.profileAt(instanceId, { kind, seconds: 5 }, atMs));
        const decoded = profile(kind, 5);
        const typeIndex = decoded.defaultSampleTypeIndex;
        const { stdout } = await promisify(execFile)("go", ["tool", "pprof", "-top", "-symbolize=none", file]);
        expect(stdout).toContain(`Type: ${decoded.sampleTypes[typeIndex]?.type}`);
        const firstRow = stdout.split("\n").find((line) => /^\s*[\d.]+\w*\s+[\d.]+%/.test(line));
        expect(firstRow?.trim().split(/\s+/).at(-1)).toBe(computeTop(decoded, typeIndex).functions[0]?.name);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("DemoFleet.captureProfile", () => {
  let fleet: DemoFleet;
  let instanceId: string;

  beforeAll(async () => {
    ({ fleet, instanceId } = await fleetWith());
  });
  afterAll(() => fleet.setOutage(null));

  it("takes a CPU profile's seconds of wall time and answers snapshots at once", async () => {
    let started = Date.now();
    const cpu = await fleet.captureProfile(instanceId, { kind: "cpu", seconds: 1 }, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(decodeProfile(cpu, { label: "cpu" }).durationNanos).toBe(1e9);

    started = Date.now();
    await fleet.captureProfile(instanceId, { kind: "heap", seconds: 30 }, new AbortController().signal);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("stops a CPU capture early with ProfileCaptureCancelled when aborted", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = await fleet.captureProfile(instanceId, { kind: "cpu", seconds: 30 }, controller.signal).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ProfileCaptureCancelled);
    expect((error as Error).message).toBe(
      `profile capture of "${instanceId}" from demo://${instanceId}/debug/pprof/profile?seconds=30 was cancelled`,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("names an unknown instance, a bad duration and an outage", async () => {
    const signal = new AbortController().signal;
    await expect(fleet.captureProfile("nope", { kind: "heap", seconds: 1 }, signal)).rejects.toThrow(
      'unknown instance id "nope" in the demo fleet',
    );
    await expect(fleet.captureProfile(instanceId, { kind: "cpu", seconds: 0.5 }, signal)).rejects.toThrow(
      "a CPU profile runs a whole number of seconds, at least 1 (got 0.5)",
    );
    fleet.setOutage("maintenance");
    await expect(fleet.captureProfile(instanceId, { kind: "heap", seconds: 1 }, signal)).rejects.toThrow(
      "demo control plane unavailable: maintenance",
    );
  });
});
