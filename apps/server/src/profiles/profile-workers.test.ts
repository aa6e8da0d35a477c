import { readFile } from "node:fs/promises";
import path from "node:path";
import { computeTop, sampleTypeIndexOf } from "@fleetdeck/core";
import { decodeProfile } from "@fleetdeck/pprof";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TimeLimitError } from "../infra/errors.ts";
import { InvalidProfileError, ProfileWorkers } from "./profile-workers.ts";

const fixturesDir = path.join(import.meta.dirname, "../../../../packages/pprof/fixtures");

describe("profile workers", () => {
  let workers: ProfileWorkers;
  let heapBytes: Buffer;

  beforeAll(async () => {
    workers = new ProfileWorkers({ taskTimeoutMs: 30_000, maxThreads: 1 });
    heapBytes = await readFile(path.join(fixturesDir, "etcd-heap.pb.gz"));
  });
  afterAll(async () => {
    await workers?.close();
  });

  it("summarize a profile: its sample types, the default one, and each type's total", async () => {
    const summary = await workers.summarize(heapBytes, "etcd-heap");
    const decoded = decodeProfile(heapBytes, { label: "etcd-heap" });
    expect(summary).toEqual({
      sampleTypes: decoded.sampleTypes,
      defaultSampleType: decoded.sampleTypes[decoded.defaultSampleTypeIndex]?.type,
      totals: decoded.sampleTypes.map((_, t) => computeTop(decoded, t).total),
      timeMs: decoded.timeMs,
      durationNanos: decoded.durationNanos,
      sampleCount: decoded.sampleCount,
    });
    // The caller's bytes stay usable: the worker got a copy.
    expect(heapBytes.byteLength).toBeGreaterThan(0);
    expect(heapBytes[0]).toBe(0x1f);
  });

  it("refuse bytes that are not a profile with the decoder's message, naming them", async () => {
    const refused = workers.summarize(new TextEncoder().encode("404 page not found"), "upload.pb.gz");
    await expect(refused).rejects.toBeInstanceOf(InvalidProfileError);
    await expect(refused).rejects.toThrow(/^upload\.pb\.gz: not a pprof profile/);
  });

  it("answer from the cached decode when the same profile is asked about again", async () => {
    const profile = { id: "p1", label: "etcd-heap", bytes: heapBytes };
    const decoded = decodeProfile(heapBytes, { label: "etcd-heap" });
    const expected = computeTop(decoded, sampleTypeIndexOf(decoded));
    expect(await workers.top(profile, undefined)).toEqual(expected);
    expect(await workers.top(profile, undefined)).toEqual(expected);
  });

  it("stop a task past its time bound with a clear error", async () => {
    const impatient = new ProfileWorkers({ taskTimeoutMs: 1, maxThreads: 1 });
    try {
      await expect(impatient.summarize(heapBytes, "etcd-heap")).rejects.toEqual(
        new TimeLimitError(
          "reading etcd-heap took longer than 1 ms and was stopped; try a narrower view (a focus, or a zoomed frame)",
        ),
      );
    } finally {
      await impatient.close();
    }
  });
});
