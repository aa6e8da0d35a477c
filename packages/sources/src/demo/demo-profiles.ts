import { ProfileBuilder } from "@fleetdeck/pprof";
import type { ProfileCaptureRequest } from "../fleet-source.ts";
import { cpuProfilePaths } from "./demo-profiles-cpu.ts";
import { stackOf } from "./demo-profiles-frames.ts";
import { memoryProfileSites } from "./demo-profiles-memory.ts";
import type { DemoProfileState } from "./demo-profiles-state.ts";
import {
  blockProfileSites,
  type ContentionSite,
  goroutineProfilePaths,
  mutexProfileSites,
} from "./demo-profiles-waits.ts";
import { createRandom, type Random } from "./random.ts";

/** Go's CPU profiler samples at 100 Hz: every sample stands for 10 ms of CPU. */
const cpuPeriodNanos = 10_000_000;
/** Go's default MemProfileRate: one sample per 512 KiB allocated. */
const heapSamplingBytes = 512 * 1024;

const counted = (type: string) => ({ type, unit: "count" });
const inBytes = (type: string) => ({ type, unit: "bytes" });
const inNanoseconds = (type: string) => ({ type, unit: "nanoseconds" });

/**
 * A demo instance's profile as Go's runtime/pprof would write it (same sample types, periods and
 * defaults per kind), gzipped profile.proto. The stacks come from the instance's simulated state;
 * values get a little seeded jitter, so two captures of one instance in one time bucket are
 * identical and captures across buckets differ as real ones do.
 */
export function buildDemoProfile(state: DemoProfileState, request: ProfileCaptureRequest, startMs: number): Uint8Array {
  const random = createRandom(state.randomKey);
  switch (request.kind) {
    case "cpu":
      return cpuProfile(state, request.seconds, startMs, random);
    case "heap":
    case "allocs":
      return memoryProfile(state, request.kind, startMs, random);
    case "goroutine":
      return goroutineProfile(state, startMs);
    case "mutex":
      return contentionProfile(mutexProfileSites(state), startMs, random);
    case "block":
      return contentionProfile(blockProfileSites(state), startMs, random);
  }
}

function cpuProfile(state: DemoProfileState, seconds: number, startMs: number, random: Random): Uint8Array {
  const builder = new ProfileBuilder({
    sampleTypes: [counted("samples"), inNanoseconds("cpu")],
    periodType: inNanoseconds("cpu"),
    period: cpuPeriodNanos,
    timeMs: startMs,
    durationNanos: seconds * 1e9,
  });
  const totalSamples = (state.sample.cpuUsageCores * seconds * 1e9) / cpuPeriodNanos;
  for (const { path, share } of cpuProfilePaths(state)) {
    const samples = jittered(totalSamples * share, random);
    if (samples > 0) builder.addSample(stackOf(path), [samples, samples * cpuPeriodNanos]);
  }
  return builder.encode();
}

function memoryProfile(state: DemoProfileState, kind: "heap" | "allocs", startMs: number, random: Random) {
  // One layout for both, as Go writes them; allocs only names alloc_space the default.
  const builder = new ProfileBuilder({
    sampleTypes: [counted("alloc_objects"), inBytes("alloc_space"), counted("inuse_objects"), inBytes("inuse_space")],
    periodType: inBytes("space"),
    period: heapSamplingBytes,
    timeMs: startMs,
    ...(kind === "allocs" ? { defaultSampleType: "alloc_space" } : {}),
  });
  for (const site of memoryProfileSites(state)) {
    const inuseObjects = jittered(site.inuseBytes / site.objectBytes, random);
    const allocObjects = Math.max(inuseObjects, jittered(site.allocBytes / site.objectBytes, random));
    if (allocObjects === 0) continue;
    builder.addSample(stackOf(site.path), [
      allocObjects,
      allocObjects * site.objectBytes,
      inuseObjects,
      inuseObjects * site.objectBytes,
    ]);
  }
  return builder.encode();
}

function goroutineProfile(state: DemoProfileState, startMs: number): Uint8Array {
  const builder = new ProfileBuilder({
    sampleTypes: [counted("goroutine")],
    periodType: counted("goroutine"),
    period: 1,
    timeMs: startMs,
  });
  for (const { path, count } of goroutineProfilePaths(state)) builder.addSample(stackOf(path), [count]);
  return builder.encode();
}

function contentionProfile(sites: readonly ContentionSite[], startMs: number, random: Random): Uint8Array {
  const builder = new ProfileBuilder({
    sampleTypes: [counted("contentions"), inNanoseconds("delay")],
    periodType: counted("contentions"),
    period: 1,
    timeMs: startMs,
  });
  for (const site of sites) {
    const contentions = jittered(site.contentions, random);
    if (contentions === 0) continue;
    const delayNanos = Math.max(contentions, Math.round((site.delayNanos / site.contentions) * contentions));
    builder.addSample(stackOf(site.path), [contentions, delayNanos]);
  }
  return builder.encode();
}

/** ±15%, rounded up or down at random in proportion, so that small expectations still show up. */
function jittered(expected: number, random: Random): number {
  if (!(expected > 0)) return 0;
  return Math.floor(expected * random.between(0.85, 1.15) + random.next());
}
