import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { computeTop } from "@fleetdeck/core";
import {
  Line,
  Location,
  Mapping,
  Function as PprofFunction,
  Profile as PprofProfile,
  type ProfileInput,
  Sample,
  StringTable,
  ValueType,
} from "pprof-format";
import { describe, expect, it } from "vitest";
import { decodeProfile } from "./decode-profile.ts";
import { goPprofTop, withTemporaryFile } from "./go-pprof.test-support.ts";
import { ProfileDecodeError } from "./profile-decode-error.ts";

const etcdHeap = readFileSync(join(import.meta.dirname, "..", "fixtures", "etcd-heap.pb.gz"));

/** A small valid profile as raw protobuf; `change` breaks it in one chosen way. */
function tinyProfile(change: (input: ProfileInput, strings: StringTable) => void = () => {}): Uint8Array {
  const strings = new StringTable();
  const input: ProfileInput = {
    sampleType: [new ValueType({ type: strings.dedup("goroutine"), unit: strings.dedup("count") })],
    function: [
      new PprofFunction({ id: 1, name: strings.dedup("main.main") }),
      new PprofFunction({ id: 2, name: strings.dedup("main.wait") }),
    ],
    location: [
      new Location({ id: 1, line: [new Line({ functionId: 2, line: 9 })] }),
      new Location({ id: 2, line: [new Line({ functionId: 1, line: 3 })] }),
    ],
    sample: [new Sample({ locationId: [1, 2], value: [4] })],
    stringTable: strings,
  };
  change(input, strings);
  return new PprofProfile(input).encode();
}

function decodeError(bytes: Uint8Array, label = "input.pb.gz"): ProfileDecodeError {
  try {
    decodeProfile(bytes, { label });
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileDecodeError);
    return error as ProfileDecodeError;
  }
  throw new Error("decodeProfile accepted the input");
}

const text = (value: string) => new TextEncoder().encode(value);

describe("decodeProfile", () => {
  it("reads gzipped and uncompressed profile.proto alike", () => {
    const gzipped = decodeProfile(etcdHeap, { label: "etcd-heap.pb.gz" });
    const raw = decodeProfile(gunzipSync(etcdHeap), { label: "etcd-heap.pb" });
    expect(raw).toEqual(gzipped);
    expect(gzipped.sampleTypes.map((type) => `${type.type}/${type.unit}`)).toEqual([
      "alloc_objects/count",
      "alloc_space/bytes",
      "inuse_objects/count",
      "inuse_space/bytes",
    ]);
    // No default_sample_type in a Go heap profile: pprof shows the last type.
    expect(gzipped.defaultSampleTypeIndex).toBe(3);
    expect(gzipped.periodType).toEqual({ type: "space", unit: "bytes" });
    expect(gzipped.period).toBe(524288);
    expect(gzipped.timeMs).toBe(Date.UTC(2026, 10, 22, 15, 17, 54, 212));
  });

  it("honours default_sample_type", () => {
    const bytes = tinyProfile((input, strings) => {
      input.sampleType = [
        new ValueType({ type: strings.dedup("contentions"), unit: strings.dedup("count") }),
        new ValueType({ type: strings.dedup("delay"), unit: strings.dedup("nanoseconds") }),
      ];
      input.sample = [new Sample({ locationId: [1, 2], value: [4, 90] })];
      input.defaultSampleType = strings.dedup("contentions");
    });
    expect(decodeProfile(bytes, { label: "mutex" }).defaultSampleTypeIndex).toBe(0);
  });

  it("names unsymbolized code after its binary, as pprof does", async () => {
    const bytes = tinyProfile((input, strings) => {
      input.mapping = [new Mapping({ id: 1, filename: strings.dedup("/usr/bin/etcd") })];
      input.location = [
        new Location({ id: 1, mappingId: 1, address: 0x4711 }),
        new Location({ id: 2, line: [new Line({ functionId: 1, line: 3 })] }),
        new Location({ id: 3, address: 0x99 }),
      ];
      input.sample = [new Sample({ locationId: [1, 2], value: [4] }), new Sample({ locationId: [3, 2], value: [1] })];
    });
    const profile = decodeProfile(bytes, { label: "unsymbolized" });
    const top = computeTop(profile, 0);
    expect(top.functions.map((fn) => fn.name)).toEqual(["[etcd]", "<unknown>", "main.main"]);
    await withTemporaryFile(gzipSync(bytes), async (file) => {
      expect(top).toEqual(await goPprofTop(file, "goroutine", "count"));
    });
  });

  describe("explains what is wrong with input that is not a profile", () => {
    it.each([
      ["empty input", new Uint8Array(), "input.pb.gz: empty input, not a pprof profile"],
      [
        "an HTML error page",
        text("<!DOCTYPE html>\n<html><title>502 Bad Gateway</title></html>"),
        'input.pb.gz: not a pprof profile (it looks like HTML: "<!DOCTYPE html> <html><title>502 Bad Gateway</title></html>")',
      ],
      [
        "a JSON error",
        text('{"error":"profiling not enabled"}'),
        'input.pb.gz: not a pprof profile (it looks like JSON: "{\\"error\\":\\"profiling not enabled\\"}")',
      ],
      [
        "a legacy text profile",
        text("heap profile: 3: 1536 [3: 1536] @ heap/1048576\n"),
        'input.pb.gz: not a pprof profile (it looks like text: "heap profile: 3: 1536 [3: 1536] @ heap/1048576")',
      ],
      ["gzipped HTML", gzipSync(text("<html>404 page not found</html>")), "it looks like HTML"],
      ["a gzipped empty file", gzipSync(new Uint8Array()), "the gzip data holds an empty file"],
    ])("%s", (_, bytes, message) => {
      expect(decodeError(bytes).message).toContain(message);
    });

    it("truncated gzip data", () => {
      for (const length of [2, 10, 1000, etcdHeap.length - 1]) {
        expect(decodeError(etcdHeap.subarray(0, length), "heap").message).toBe("heap: truncated gzip data");
      }
    });

    it("corrupt gzip data", () => {
      const corrupt = Uint8Array.from(etcdHeap);
      corrupt[corrupt.length - 6]! ^= 0xff;
      expect(decodeError(corrupt, "heap").message).toMatch(/^heap: corrupt gzip data \(.+\)$/);
    });

    it("a truncated protobuf, with the byte where it breaks", () => {
      const raw = gunzipSync(etcdHeap);
      expect(decodeError(raw.subarray(0, 5000), "heap").message).toMatch(
        /^heap: not a pprof profile \(malformed protobuf at byte \d+: .* claims \d+ bytes but only \d+ remain \(truncated\?\)\)$/,
      );
    });

    it("a field pprof-format cannot skip (fixed-width wire type)", () => {
      const bytes = new Uint8Array([...tinyProfile(), (9 << 3) | 1, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(decodeError(bytes).message).toMatch(/Profile field 9 has wire type 1, which profile.proto does not use/);
    });

    it("gzip data that inflates beyond the cap", () => {
      const bomb = gzipSync(new Uint8Array(8 * 1024 * 1024));
      expect(() => decodeProfile(bomb, { label: "bomb", maxInflatedBytes: 1024 * 1024 })).toThrow(
        "bomb: gzip data inflates to more than 1 MiB",
      );
    });

    it("a drop_frames pattern that would backtrack exponentially (pprof uses linear-time RE2)", () => {
      const bytes = tinyProfile((input, strings) => {
        input.dropFrames = strings.dedup("(main\\.w+)+x");
      });
      expect(decodeError(bytes).message).toContain('drop_frames "(main\\\\.w+)+x" repeats a group');
      const harmless = tinyProfile((input, strings) => {
        input.dropFrames = strings.dedup("(?:main\\.)?wait|(runtime|sync)\\..*");
      });
      expect(decodeProfile(harmless, { label: "harmless" }).sampleCount).toBe(1);
    });

    it("stacks that expand beyond the frame cap", () => {
      expect(() => decodeProfile(tinyProfile(), { label: "deep", maxStackFrames: 1 })).toThrow(
        "deep: its stacks expand to more than 1 frames",
      );
    });
  });

  describe("rejects broken references, as pprof's loader does", () => {
    it.each<[string, (input: ProfileInput, strings: StringTable) => void, string]>([
      [
        "a sample pointing at a missing location",
        (input) => {
          input.sample = [new Sample({ locationId: [1, 99], value: [1] })];
        },
        "sample 0 refers to unknown location 99",
      ],
      [
        "a line pointing at a missing function",
        (input) => {
          input.location = [new Location({ id: 1, line: [new Line({ functionId: 7 })] })];
        },
        "location 1 has a line with unknown function 7",
      ],
      [
        "a string index past the string table",
        (input) => {
          input.function = [new PprofFunction({ id: 1, name: 500 }), new PprofFunction({ id: 2 })];
        },
        "function 1 name refers to string 500, but the string table has",
      ],
      [
        "two locations with one id",
        (input) => {
          input.location = [new Location({ id: 1 }), new Location({ id: 1 })];
        },
        "two locations have the id 1",
      ],
      [
        "a function with the reserved id 0",
        (input, strings) => {
          input.function = [new PprofFunction({ id: 0, name: strings.dedup("main.main") })];
        },
        "function 0 has the reserved id 0",
      ],
      [
        "a sample with too few values",
        (input) => {
          input.sample = [new Sample({ locationId: [1], value: [] })];
        },
        "sample 0 has 0 values, but the profile has 1 sample types",
      ],
      [
        "no sample types",
        (input) => {
          input.sampleType = [];
        },
        "not a pprof profile (it declares no sample types)",
      ],
      [
        "a label string past the string table",
        (input) => {
          input.sample = [new Sample({ locationId: [1], value: [1], label: [{ key: 77 }] })];
        },
        "sample 0 label 0 key refers to string 77",
      ],
    ])("%s", (_, change, message) => {
      expect(decodeError(tinyProfile(change), "goroutine.pb").message).toContain(`goroutine.pb: ${message}`);
    });
  });
});
