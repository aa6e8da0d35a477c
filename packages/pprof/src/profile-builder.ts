import { gzipSync } from "node:zlib";
import type { SampleType } from "@fleetdeck/core";
import {
  Function as PprofFunction,
  Label as PprofLabel,
  Line as PprofLine,
  Location as PprofLocation,
  Profile as PprofProfile,
  Sample as PprofSample,
  StringTable,
  ValueType,
} from "pprof-format";

/** One frame of a stack handed to the builder. */
export interface StackFrame {
  name: string;
  file?: string;
  line?: number;
}

export interface ProfileBuilderOptions {
  sampleTypes: readonly SampleType[];
  periodType?: SampleType;
  period?: number;
  /** Wall-clock start in ms since the epoch. */
  timeMs?: number;
  durationNanos?: number;
  /** The sample type pprof shows first; it must be one of sampleTypes. */
  defaultSampleType?: string;
}

/**
 * Builds a profile.proto the way Go's runtime writes one: strings, functions and locations are
 * deduplicated, each location holds one line (no inlining), and the result is gzipped so that
 * `go tool pprof` and every pprof reader open it as they open a real target's profile.
 */
export class ProfileBuilder {
  readonly #sampleTypes: readonly SampleType[];
  readonly #options: ProfileBuilderOptions;
  readonly #strings = new StringTable();
  readonly #functionIds = new Map<string, number>();
  readonly #locationIds = new Map<string, number>();
  readonly #functions: PprofFunction[] = [];
  readonly #locations: PprofLocation[] = [];
  readonly #samples: PprofSample[] = [];

  constructor(options: ProfileBuilderOptions) {
    if (options.sampleTypes.length === 0) {
      throw new RangeError("ProfileBuilder: a profile needs at least one sample type");
    }
    const names = options.sampleTypes.map((sampleType) => sampleType.type);
    if (options.defaultSampleType !== undefined && !names.includes(options.defaultSampleType)) {
      throw new RangeError(
        `ProfileBuilder: default sample type "${options.defaultSampleType}" is not one of ${names.join(", ")}`,
      );
    }
    this.#sampleTypes = options.sampleTypes;
    this.#options = options;
  }

  /** Adds one sample: its stack (leaf first), one value per sample type, and optional labels. */
  addSample(
    stack: readonly StackFrame[],
    values: readonly number[],
    labels?: Readonly<Record<string, string | number>>,
  ): void {
    if (values.length !== this.#sampleTypes.length) {
      throw new RangeError(
        `ProfileBuilder: a sample has ${values.length} values but the profile has ${this.#sampleTypes.length} sample types`,
      );
    }
    values.forEach((value, index) => {
      if (!Number.isSafeInteger(value)) {
        throw new RangeError(
          `ProfileBuilder: sample value ${value} for ${this.#sampleTypes[index]?.type} is not an integer (pprof values are int64)`,
        );
      }
    });
    this.#samples.push(
      new PprofSample({
        locationId: stack.map((frame) => this.#locationIdOf(frame)),
        value: [...values],
        label: Object.entries(labels ?? {}).map(([key, value]) => this.#labelOf(key, value)),
      }),
    );
  }

  /** The gzipped profile.proto. */
  encode(): Uint8Array {
    const { periodType, period, timeMs, durationNanos, defaultSampleType } = this.#options;
    const profile = new PprofProfile({
      sampleType: this.#sampleTypes.map((sampleType) => this.#valueTypeOf(sampleType)),
      sample: this.#samples,
      location: this.#locations,
      function: this.#functions,
      stringTable: this.#strings,
      ...(periodType ? { periodType: this.#valueTypeOf(periodType) } : {}),
      period: period ?? 0,
      // Nanoseconds since the epoch exceed 2^53, so they go to the encoder as a bigint.
      timeNanos: timeMs === undefined ? 0 : BigInt(Math.round(timeMs)) * 1_000_000n,
      durationNanos: durationNanos ?? 0,
      defaultSampleType: defaultSampleType === undefined ? 0 : this.#strings.dedup(defaultSampleType),
    });
    const gzipped = gzipSync(profile.encode());
    return new Uint8Array(gzipped.buffer, gzipped.byteOffset, gzipped.byteLength);
  }

  #valueTypeOf(sampleType: SampleType): ValueType {
    return new ValueType({ type: this.#strings.dedup(sampleType.type), unit: this.#strings.dedup(sampleType.unit) });
  }

  #labelOf(key: string, value: string | number): PprofLabel {
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) throw new RangeError(`ProfileBuilder: label ${key}=${value} is not an integer`);
      return new PprofLabel({ key: this.#strings.dedup(key), num: value });
    }
    return new PprofLabel({ key: this.#strings.dedup(key), str: this.#strings.dedup(value) });
  }

  #functionIdOf(frame: StackFrame): number {
    const file = frame.file ?? "";
    const key = `${frame.name}\u0000${file}`;
    let id = this.#functionIds.get(key);
    if (id === undefined) {
      id = this.#functions.length + 1;
      this.#functionIds.set(key, id);
      this.#functions.push(
        new PprofFunction({
          id,
          name: this.#strings.dedup(frame.name),
          systemName: this.#strings.dedup(frame.name),
          filename: this.#strings.dedup(file),
        }),
      );
    }
    return id;
  }

  #locationIdOf(frame: StackFrame): number {
    if (frame.name === "") throw new RangeError("ProfileBuilder: a stack frame has an empty function name");
    const line = frame.line ?? 0;
    if (!Number.isSafeInteger(line) || line < 0) {
      throw new RangeError(`ProfileBuilder: frame ${frame.name} has line ${line}, expected a non-negative integer`);
    }
    const functionId = this.#functionIdOf(frame);
    const key = `${functionId}:${line}`;
    let id = this.#locationIds.get(key);
    if (id === undefined) {
      id = this.#locations.length + 1;
      this.#locationIds.set(key, id);
      this.#locations.push(new PprofLocation({ id, line: [new PprofLine({ functionId, line })] }));
    }
    return id;
  }
}
