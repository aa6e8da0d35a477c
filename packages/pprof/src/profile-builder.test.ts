import { gunzipSync } from "node:zlib";
import { computeTop } from "@fleetdeck/core";
import { Profile as PprofProfile } from "pprof-format";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeProfile } from "./decode-profile.ts";
import { goPprofTop, requireGoPprof, withTemporaryFile } from "./go-pprof.test-support.ts";
import { ProfileBuilder } from "./profile-builder.ts";

beforeAll(requireGoPprof);

function gcHeavyCpuProfile(): ProfileBuilder {
  const builder = new ProfileBuilder({
    sampleTypes: [
      { type: "samples", unit: "count" },
      { type: "cpu", unit: "nanoseconds" },
    ],
    periodType: { type: "cpu", unit: "nanoseconds" },
    period: 10_000_000,
    timeMs: Date.UTC(2026, 10, 22, 15, 17, 44, 14),
    durationNanos: 10_170_000_000,
    defaultSampleType: "cpu",
  });
  const main = { name: "main.main", file: "/src/main.go", line: 20 };
  const handle = { name: "main.handle", file: "/src/main.go", line: 42 };
  const mallocgc = { name: "runtime.mallocgc", file: "runtime/malloc.go", line: 1171 };
  builder.addSample([mallocgc, handle, main], [310, 3_100_000_000], { goroutine: "handler", request: 7 });
  builder.addSample(
    [{ name: "runtime.gcAssistAlloc", file: "runtime/mgcmark.go", line: 470 }, mallocgc, handle, main],
    [40, 400_000_000],
  );
  builder.addSample([{ name: "runtime.gcBgMarkWorker", file: "runtime/mgc.go", line: 1290 }], [500, 5_000_000_000]);
  builder.addSample([handle, main], [12, 120_000_000]);
  return builder;
}

describe("ProfileBuilder", () => {
  it("writes a gzipped profile.proto that go tool pprof reads with the same numbers as ours", async () => {
    const bytes = gcHeavyCpuProfile().encode();
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const profile = decodeProfile(bytes, { label: "built" });
    await withTemporaryFile(bytes, async (file) => {
      const reference = await goPprofTop(file, "cpu", "nanoseconds");
      expect(reference.total).toBe(8_620_000_000);
      expect(reference.functions[0]).toEqual({
        name: "runtime.gcBgMarkWorker",
        flat: 5_000_000_000,
        cum: 5_000_000_000,
      });
      expect(computeTop(profile, 1)).toEqual(reference);
      expect(computeTop(profile, 0)).toEqual(await goPprofTop(file, "samples", "count"));
    });
  });

  it("round-trips metadata, stacks and the default sample type through decodeProfile", () => {
    const profile = decodeProfile(gcHeavyCpuProfile().encode(), { label: "built" });
    expect(profile.sampleTypes).toEqual([
      { type: "samples", unit: "count" },
      { type: "cpu", unit: "nanoseconds" },
    ]);
    expect(profile.defaultSampleTypeIndex).toBe(1);
    expect(profile.periodType).toEqual({ type: "cpu", unit: "nanoseconds" });
    expect(profile.period).toBe(10_000_000);
    expect(profile.timeMs).toBe(Date.UTC(2026, 10, 22, 15, 17, 44, 14));
    expect(profile.durationNanos).toBe(10_170_000_000);
    expect(profile.sampleCount).toBe(4);
    const secondStack = Array.from(profile.stackFrames.subarray(profile.stackStart[1], profile.stackStart[2]));
    expect(secondStack.map((frame) => profile.functions[profile.frameFunction[frame]!]!.name)).toEqual([
      "runtime.gcAssistAlloc",
      "runtime.mallocgc",
      "main.handle",
      "main.main",
    ]);
    expect(secondStack.map((frame) => profile.frameLine[frame])).toEqual([470, 1171, 42, 20]);
    expect(profile.functions.find((fn) => fn.name === "main.handle")?.filename).toBe("/src/main.go");
    expect(Array.from(profile.values.subarray(0, 2))).toEqual([310, 3_100_000_000]);
  });

  it("deduplicates strings, functions and locations, and writes labels", () => {
    const raw = PprofProfile.decode(gunzipSync(gcHeavyCpuProfile().encode()));
    expect(raw.function).toHaveLength(5);
    expect(raw.location).toHaveLength(5);
    const strings = raw.stringTable.strings;
    expect(new Set(strings).size).toBe(strings.length);
    const labels = raw.sample[0]!.label.map((label) => ({
      key: strings[Number(label.key)],
      str: strings[Number(label.str)],
      num: Number(label.num),
    }));
    expect(labels).toEqual([
      { key: "goroutine", str: "handler", num: 0 },
      { key: "request", str: "", num: 7 },
    ]);
  });

  it("keeps negative and large values exact (diff profiles, byte counts past 2^32)", () => {
    const builder = new ProfileBuilder({ sampleTypes: [{ type: "inuse_space", unit: "bytes" }] });
    builder.addSample([{ name: "main.grow" }], [6_000_000_000_000]);
    builder.addSample([{ name: "main.shrink" }], [-1_234_567_890_123]);
    const profile = decodeProfile(builder.encode(), { label: "big" });
    expect(Array.from(profile.values)).toEqual([6_000_000_000_000, -1_234_567_890_123]);
  });

  it("rejects what a profile cannot hold, saying what", () => {
    const sampleTypes = [{ type: "cpu", unit: "nanoseconds" }];
    expect(() => new ProfileBuilder({ sampleTypes: [] })).toThrow(/at least one sample type/);
    expect(() => new ProfileBuilder({ sampleTypes, defaultSampleType: "heap" })).toThrow(
      'default sample type "heap" is not one of cpu',
    );
    const builder = new ProfileBuilder({ sampleTypes });
    expect(() => builder.addSample([{ name: "f" }], [1, 2])).toThrow(/2 values but the profile has 1 sample types/);
    expect(() => builder.addSample([{ name: "f" }], [1.5])).toThrow(/1.5 for cpu is not an integer/);
    expect(() => builder.addSample([{ name: "" }], [1])).toThrow(/empty function name/);
    expect(() => builder.addSample([{ name: "f", line: -3 }], [1])).toThrow(/line -3/);
  });
});
