import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { computeTop, type Profile } from "@fleetdeck/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeProfile } from "./decode-profile.ts";
import { ProfileBuilder } from "./profile-builder.ts";
import { ProfileDecodeError } from "./profile-decode-error.ts";

/** Per input; a well-formed decode of these fixtures takes a few milliseconds. */
const timeBoundMs = 2000;
const fuzzSeed = 20261123;
const fuzzRuns = 4000;

function builtProfile(): Uint8Array {
  const builder = new ProfileBuilder({
    sampleTypes: [
      { type: "contentions", unit: "count" },
      { type: "delay", unit: "nanoseconds" },
    ],
    periodType: { type: "contentions", unit: "count" },
    period: 1,
    timeMs: 1_790_000_000_000,
    defaultSampleType: "delay",
  });
  builder.addSample(
    [
      { name: "sync.(*Mutex).Lock", line: 81 },
      { name: "main.worker", line: 12 },
    ],
    [3, 4_000_000_000],
  );
  builder.addSample(
    [
      { name: "main.worker", line: 12 },
      { name: "main.worker", line: 30 },
    ],
    [1, -25],
  );
  return builder.encode();
}

const fixtureDir = join(import.meta.dirname, "..", "fixtures");
const seeds: Uint8Array[] = [
  ...["prom-goroutine", "etcd-goroutine", "prom-heap", "etcd-heap"].map((name) =>
    gunzipSync(readFileSync(join(fixtureDir, `${name}.pb.gz`))),
  ),
  gunzipSync(builtProfile()),
];

type Mutation =
  | { kind: "flip"; at: number; mask: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "delete"; at: number; length: number }
  | { kind: "splice"; at: number; source: number; from: number; length: number }
  | { kind: "varint"; at: number; value: bigint }
  | { kind: "truncate"; at: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant("splice" as const),
    at: fc.nat(),
    source: fc.nat(),
    from: fc.nat(),
    length: fc.integer({ min: 1, max: 512 }),
  }),
  // Overwrite with an encoded varint: ids, indexes and lengths at the edges (0, 2^28, 2^63, 2^64 - 1).
  fc.record({
    kind: fc.constant("varint" as const),
    at: fc.nat(),
    value: fc.oneof(
      fc.constantFrom(0n, 1n, 127n, 128n, 2n ** 28n, 2n ** 32n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    ),
  }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function encodeVarint(value: bigint): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return bytes;
}

function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Array.from(input);
  for (const mutation of mutations) {
    const at = bytes.length === 0 ? 0 : mutation.at % bytes.length;
    switch (mutation.kind) {
      case "flip":
        if (bytes.length > 0) bytes[at]! ^= mutation.mask;
        break;
      case "insert":
        bytes.splice(at, 0, ...mutation.bytes);
        break;
      case "delete":
        bytes.splice(at, mutation.length);
        break;
      case "splice": {
        const source = seeds[mutation.source % seeds.length]!;
        const from = mutation.from % source.length;
        bytes.splice(at, mutation.length, ...source.subarray(from, from + mutation.length));
        break;
      }
      case "varint": {
        const varint = encodeVarint(mutation.value);
        bytes.splice(at, varint.length, ...varint);
        break;
      }
      case "truncate":
        bytes = bytes.slice(0, at);
        break;
    }
  }
  return Uint8Array.from(bytes);
}

/** What every consumer of a Profile relies on: sizes agree and every index points inside its table. */
function expectConsistent(profile: Profile): void {
  const typeCount = profile.sampleTypes.length;
  expect(typeCount).toBeGreaterThan(0);
  expect(profile.defaultSampleTypeIndex).toBeGreaterThanOrEqual(0);
  expect(profile.defaultSampleTypeIndex).toBeLessThan(typeCount);
  expect(profile.frameLine.length).toBe(profile.frameFunction.length);
  expect(profile.stackStart.length).toBe(profile.sampleCount + 1);
  expect(profile.stackStart[profile.sampleCount]).toBe(profile.stackFrames.length);
  expect(profile.values.length).toBe(profile.sampleCount * typeCount);
  for (let sample = 0; sample < profile.sampleCount; sample++) {
    if (profile.stackStart[sample]! > profile.stackStart[sample + 1]!) {
      throw new Error(`stack ${sample} ends before it starts`);
    }
  }
  for (const frame of profile.stackFrames) {
    if (frame >= profile.frameFunction.length) throw new Error(`frame ${frame} is outside the frame table`);
  }
  for (const fn of profile.frameFunction) {
    if (fn >= profile.functions.length) throw new Error(`function ${fn} is outside the function table`);
  }
  for (const value of profile.values) {
    if (!Number.isFinite(value)) throw new Error(`sample value ${value} is not finite`);
  }
  for (const field of [profile.period, profile.timeMs, profile.durationNanos])
    expect(Number.isFinite(field)).toBe(true);
  for (let type = 0; type < typeCount; type++) {
    const top = computeTop(profile, type);
    expect(Number.isFinite(top.total)).toBe(true);
  }
}

type Outcome = "decoded" | "rejected";

/** Decodes within the time bound, and either yields a consistent Profile or a ProfileDecodeError. */
function decodeWithinBounds(bytes: Uint8Array): Outcome {
  const started = performance.now();
  let outcome: Outcome;
  try {
    expectConsistent(decodeProfile(bytes, { label: "fuzzed" }));
    outcome = "decoded";
  } catch (error) {
    if (!(error instanceof ProfileDecodeError)) throw error;
    expect(error.message).toMatch(/^fuzzed: \S/);
    outcome = "rejected";
  }
  const elapsedMs = performance.now() - started;
  if (elapsedMs > timeBoundMs) throw new Error(`decoding took ${Math.round(elapsedMs)} ms`);
  return outcome;
}

describe("decodeProfile under fuzzing", () => {
  it(`returns a consistent Profile or a ProfileDecodeError for ${fuzzRuns} mutated profiles (seed ${fuzzSeed})`, {
    timeout: 120_000,
  }, () => {
    const outcomes: Record<Outcome, number> = { decoded: 0, rejected: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        // Mutate the protobuf and decode it raw or gzipped, or mutate the gzip stream itself.
        fc.constantFrom("raw", "gzipped after mutation", "mutated gzip stream"),
        fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }),
        (seed, form, mutations) => {
          const original = seeds[seed]!;
          const bytes =
            form === "raw"
              ? mutate(original, mutations)
              : form === "gzipped after mutation"
                ? gzipSync(mutate(original, mutations))
                : mutate(gzipSync(original), mutations);
          outcomes[decodeWithinBounds(bytes)]++;
        },
      ),
      { seed: fuzzSeed, numRuns: fuzzRuns },
    );
    // Both branches were exercised: some mutants stay decodable (a flipped value), most do not.
    expect(outcomes.decoded).toBeGreaterThan(fuzzRuns / 50);
    expect(outcomes.rejected).toBeGreaterThan(fuzzRuns / 2);
  });

  it("rejects every truncation of a profile, raw and gzipped, or decodes a consistent prefix", () => {
    const raw = seeds[0]!;
    const gzipped = gzipSync(raw);
    for (let length = 0; length < raw.length; length++) decodeWithinBounds(raw.subarray(0, length));
    for (let length = 0; length < gzipped.length; length++) {
      expect(decodeWithinBounds(gzipped.subarray(0, length))).toBe("rejected");
    }
  });
});
