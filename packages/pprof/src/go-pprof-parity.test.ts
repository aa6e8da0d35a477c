import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { computeTop, type Profile } from "@fleetdeck/core";
import {
  Line,
  Location,
  Function as PprofFunction,
  Profile as PprofProfile,
  Sample,
  StringTable,
  ValueType,
} from "pprof-format";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeProfile } from "./decode-profile.ts";
import { goPprofTop, requireGoPprof, withTemporaryFile } from "./go-pprof.test-support.ts";

const fixturesDir = join(import.meta.dirname, "..", "fixtures");
const fixtures = readdirSync(fixturesDir).filter((name) => name.endsWith(".pb.gz") || name.endsWith(".pb"));

beforeAll(requireGoPprof);

/** Every sample type of a decoded profile, with pprof's -top and ours side by side. */
async function expectParity(file: string, profile: Profile): Promise<void> {
  for (const [index, sampleType] of profile.sampleTypes.entries()) {
    const reference = await goPprofTop(file, sampleType.type, sampleType.unit);
    expect(computeTop(profile, index), `${file} ${sampleType.type}`).toEqual(reference);
  }
}

describe("computeTop on decoded profiles equals go tool pprof -top", () => {
  it("has the fixtures to compare", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(7);
  });

  for (const name of fixtures) {
    it(`${name}: totals, and flat and cum of every function, for every sample type`, { timeout: 120_000 }, async () => {
      const file = join(fixturesDir, name);
      const profile = decodeProfile(readFileSync(file), { label: name });
      expect(profile.sampleCount).toBeGreaterThan(0);
      await expectParity(file, profile);
    });
  }
});

describe("inlined frames", () => {
  it("lists the functions Go inlined into a caller as their own entries, as pprof does", async () => {
    const file = join(fixturesDir, "etcd-cpu.pb.gz");
    const profile = decodeProfile(readFileSync(file), { label: "etcd-cpu" });
    const reference = await goPprofTop(file, "cpu", "nanoseconds");
    const ours = computeTop(profile, 1);
    // runtime.pageIndexOf is only ever inlined (into runtime.findObject and others): pprof marks it
    // "(inline)"; it has its own row because the location holds one line per inlined call.
    const inlined = ["runtime.pageIndexOf", "runtime.nextFreeFast", "runtime.markBits.isMarked"];
    for (const name of inlined) {
      const row = ours.functions.find((fn) => fn.name === name);
      expect(row, name).toBeDefined();
      expect(row!.flat).toBeGreaterThan(0);
      expect(row).toEqual(reference.functions.find((fn) => fn.name === name));
    }
  });

  it("expands a location's lines into frames leaf-most first", async () => {
    const strings = new StringTable();
    const fn = (id: number, name: string) => new PprofFunction({ id, name: strings.dedup(name) });
    const bytes = new PprofProfile({
      sampleType: [new ValueType({ type: strings.dedup("cpu"), unit: strings.dedup("nanoseconds") })],
      function: [fn(1, "main.main"), fn(2, "main.sum"), fn(3, "main.add")],
      location: [
        // One machine address, two functions: main.add was inlined into main.sum.
        new Location({
          id: 1,
          address: 0x1000,
          line: [new Line({ functionId: 3, line: 7 }), new Line({ functionId: 2, line: 12 })],
        }),
        new Location({ id: 2, address: 0x2000, line: [new Line({ functionId: 1, line: 30 })] }),
      ],
      sample: [new Sample({ locationId: [1, 2], value: [50] }), new Sample({ locationId: [2], value: [20] })],
      stringTable: strings,
    }).encode();

    const profile = decodeProfile(bytes, { label: "inlined" });
    const stack = Array.from(profile.stackFrames.subarray(profile.stackStart[0], profile.stackStart[1]));
    expect(stack.map((frame) => profile.functions[profile.frameFunction[frame]!]!.name)).toEqual([
      "main.add",
      "main.sum",
      "main.main",
    ]);
    expect(stack.map((frame) => profile.frameLine[frame])).toEqual([7, 12, 30]);
    await withTemporaryFile(bytes, (file) => expectParity(file, profile));
  });
});

describe("profiles that pprof trims on load", () => {
  it("applies drop_frames and keep_frames as pprof does", async () => {
    const strings = new StringTable();
    const names = ["main.main", "main.serve", "runtime.mallocgc", "runtime.nextFree", "main.handle", "runtime.keepme"];
    const bytes = new PprofProfile({
      sampleType: [new ValueType({ type: strings.dedup("alloc_space"), unit: strings.dedup("bytes") })],
      function: names.map((name, index) => new PprofFunction({ id: index + 1, name: strings.dedup(name) })),
      location: names.map((_, index) => new Location({ id: index + 1, line: [new Line({ functionId: index + 1 })] })),
      sample: [
        new Sample({ locationId: [4, 3, 2, 1], value: [100] }),
        new Sample({ locationId: [3, 5, 2, 1], value: [40] }),
        new Sample({ locationId: [6, 2, 1], value: [5] }),
        new Sample({ locationId: [4, 3], value: [7] }),
      ],
      dropFrames: strings.dedup("runtime\\..*"),
      keepFrames: strings.dedup("runtime\\.keepme"),
      stringTable: strings,
    }).encode();

    const profile = decodeProfile(bytes, { label: "drop-frames" });
    const top = computeTop(profile, 0);
    // Cut beneath main.serve and main.handle; the last stack has no frame of ours, so pprof keeps it whole.
    expect(top.functions).toEqual([
      { name: "main.serve", flat: 100, cum: 145 },
      { name: "main.handle", flat: 40, cum: 40 },
      { name: "runtime.nextFree", flat: 7, cum: 7 },
      { name: "runtime.keepme", flat: 5, cum: 5 },
      { name: "main.main", flat: 0, cum: 145 },
      { name: "runtime.mallocgc", flat: 0, cum: 7 },
    ]);
    await withTemporaryFile(bytes, (file) => expectParity(file, profile));
  });
});
