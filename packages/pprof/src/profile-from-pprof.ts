import type { Profile, ProfileFunction, SampleType } from "@fleetdeck/core";
import type { Profile as PprofProfile } from "pprof-format";
import { dropFramesMatcher } from "./drop-frames.ts";
import { IdIndex, idKey } from "./id-index.ts";

type Numeric = number | bigint;
type Fail = (problem: string) => never;

export interface ConversionLimits {
  /** Stacks are expanded per sample; this bounds the memory a hostile profile can claim. */
  maxStackFrames: number;
}

/** pprof-format gives int64 fields as number (small) or as the unsigned 64-bit bigint. */
function int64(value: Numeric): number {
  return typeof value === "number" ? value : Number(BigInt.asIntN(64, value));
}

/** An id as pprof prints it (uint64). pprof-format turns a zero id into the number 0. */
function showId(id: Numeric): string {
  return String(idKey(id));
}

function sourceLine(value: Numeric): number {
  const line = int64(value);
  return line >= 0 && line <= 0xffffffff ? line : 0;
}

/** Go's filepath.Base, for naming frames of unsymbolized code after their binary. */
function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/**
 * Turns pprof-format's object graph into the flat core Profile, checking every reference the way
 * pprof's own loader does (string indexes, reserved and duplicate ids, samples pointing at missing
 * locations, lines pointing at missing functions). Functions are merged by the name pprof prints,
 * which is its "functions" granularity.
 */
export function profileFromPprof(source: PprofProfile, fail: Fail, limits: ConversionLimits): Profile {
  const strings = source.stringTable.strings;
  if (strings[0] !== "") fail("the string table does not start with an empty string");
  const stringAt = (index: Numeric, what: string): string => {
    const position = int64(index);
    const text = position >= 0 ? strings[position] : undefined;
    if (text === undefined) fail(`${what} refers to string ${position}, but the string table has ${strings.length}`);
    return text;
  };
  const valueTypeOf = (valueType: { type: Numeric; unit: Numeric }, what: string): SampleType => ({
    type: stringAt(valueType.type, `${what} type`),
    unit: stringAt(valueType.unit, `${what} unit`),
  });

  const sampleTypes = source.sampleType.map((valueType, index) => valueTypeOf(valueType, `sample type ${index}`));
  const defaultName = stringAt(source.defaultSampleType, "default_sample_type");
  const namedDefault = sampleTypes.findIndex((sampleType) => sampleType.type === defaultName);
  const periodType = source.periodType ? valueTypeOf(source.periodType, "period") : null;

  const mappingFiles = new Map<number, string>();
  const mappingIds = new IdIndex(source.mapping.length);
  source.mapping.forEach((mapping, index) => {
    const id = showId(mapping.id);
    if (idKey(mapping.id) === 0) fail(`mapping ${index} has the reserved id 0`);
    if (!mappingIds.set(mapping.id, index)) fail(`two mappings have the id ${id}`);
    mappingFiles.set(index, stringAt(mapping.filename, `mapping ${id} filename`));
    stringAt(mapping.buildId, `mapping ${id} build id`);
  });

  const functions: ProfileFunction[] = [];
  const functionByName = new Map<string, number>();
  const functionIndexOf = (name: string, filename: string, startLine: number): number => {
    let index = functionByName.get(name);
    if (index === undefined) {
      index = functions.length;
      functions.push({ name, filename, startLine });
      functionByName.set(name, index);
    }
    return index;
  };
  const functionIds = new IdIndex(source.function.length);
  const functionRecords = source.function.map((record, index) => {
    const id = showId(record.id);
    if (idKey(record.id) === 0) fail(`function ${index} has the reserved id 0`);
    if (!functionIds.set(record.id, index)) fail(`two functions have the id ${id}`);
    const name = stringAt(record.name, `function ${id} name`);
    stringAt(record.systemName, `function ${id} system name`);
    const filename = stringAt(record.filename, `function ${id} filename`);
    const startLine = sourceLine(record.startLine);
    return { name, filename, startLine, index: name === "" ? -1 : functionIndexOf(name, filename, startLine) };
  });

  const dropsFrame = dropFramesMatcher(
    stringAt(source.dropFrames, "drop_frames"),
    stringAt(source.keepFrames, "keep_frames"),
    fail,
  );

  // Frames are distinct (function, line) pairs; each location expands to its frames, leaf first.
  const frameFunction: number[] = [];
  const frameLine: number[] = [];
  const frameByKey = new Map<string, number>();
  const frameOf = (functionIndex: number, line: number): number => {
    const key = `${functionIndex}:${line}`;
    let frame = frameByKey.get(key);
    if (frame === undefined) {
      frame = frameFunction.length;
      frameFunction.push(functionIndex);
      frameLine.push(line);
      frameByKey.set(key, frame);
    }
    return frame;
  };
  const locationIds = new IdIndex(source.location.length);
  const locationFrameStart = new Uint32Array(source.location.length + 1);
  const locationFrames: number[] = [];
  // Locations a drop_frames pattern matched: cut beneath them, or (when the match is their
  // outermost line) together with them.
  const locationCutBeneath = new Uint8Array(source.location.length);
  const locationCutWhole = new Uint8Array(source.location.length);
  source.location.forEach((location, index) => {
    const id = showId(location.id);
    if (idKey(location.id) === 0) fail(`location ${index} has the reserved id 0`);
    if (!locationIds.set(location.id, index)) fail(`two locations have the id ${id}`);
    const lineFunctions = location.line.map((line) => {
      const position = idKey(line.functionId) === 0 ? -1 : functionIds.get(line.functionId);
      if (position < 0) fail(`location ${id} has a line with unknown function ${showId(line.functionId)}`);
      return functionRecords[position]!;
    });
    let firstKept = 0;
    if (dropsFrame) {
      for (let line = lineFunctions.length - 1; line >= 0; line--) {
        if (dropsFrame(lineFunctions[line]!.name)) {
          locationCutBeneath[index] = 1;
          if (line === lineFunctions.length - 1) locationCutWhole[index] = 1;
          else firstKept = line + 1;
          break;
        }
      }
    }
    locationFrameStart[index] = locationFrames.length;
    const binaryName = (): string => {
      const mapping = mappingIds.get(location.mappingId);
      const file = mapping < 0 ? "" : (mappingFiles.get(mapping) ?? "");
      return file === "" ? "<unknown>" : `[${baseName(file)}]`;
    };
    if (lineFunctions.length === 0) {
      locationFrames.push(frameOf(functionIndexOf(binaryName(), "", 0), 0));
    }
    for (let line = firstKept; line < lineFunctions.length; line++) {
      const record = lineFunctions[line]!;
      const functionIndex = record.index >= 0 ? record.index : functionIndexOf(binaryName(), "", 0);
      locationFrames.push(frameOf(functionIndex, sourceLine(location.line[line]!.line)));
    }
  });
  locationFrameStart[source.location.length] = locationFrames.length;

  const typeCount = sampleTypes.length;
  const sampleCount = source.sample.length;
  if (sampleCount > 0 && typeCount === 0) fail("it has samples but no sample types");
  const values = new Float64Array(sampleCount * typeCount);
  const stackStart = new Uint32Array(sampleCount + 1);
  let stackFrames = new Uint32Array(Math.min(limits.maxStackFrames, Math.max(1024, sampleCount * 8)));
  let frameCount = 0;
  const sampleLocations: number[] = [];
  for (let sampleIndex = 0; sampleIndex < sampleCount; sampleIndex++) {
    const sample = source.sample[sampleIndex]!;
    if (sample.value.length !== typeCount) {
      fail(`sample ${sampleIndex} has ${sample.value.length} values, but the profile has ${typeCount} sample types`);
    }
    for (let type = 0; type < typeCount; type++) values[sampleIndex * typeCount + type] = int64(sample.value[type]!);
    sample.label.forEach((label, labelIndex) => {
      const what = `sample ${sampleIndex} label ${labelIndex}`;
      stringAt(label.key, `${what} key`);
      stringAt(label.str, `${what} value`);
      stringAt(label.numUnit, `${what} unit`);
    });

    sampleLocations.length = 0;
    for (const locationId of sample.locationId) {
      const location = locationIds.get(locationId);
      if (location < 0) fail(`sample ${sampleIndex} refers to unknown location ${showId(locationId)}`);
      sampleLocations.push(location);
    }
    stackStart[sampleIndex] = frameCount;
    const firstLocation = dropsFrame ? firstKeptLocation(sampleLocations, locationCutBeneath, locationCutWhole) : 0;
    for (let position = firstLocation; position < sampleLocations.length; position++) {
      const location = sampleLocations[position]!;
      const start = locationFrameStart[location]!;
      const end = locationFrameStart[location + 1]!;
      const needed = frameCount + (end - start);
      if (needed > limits.maxStackFrames) fail(`its stacks expand to more than ${limits.maxStackFrames} frames`);
      if (needed > stackFrames.length) {
        const grown = new Uint32Array(Math.min(limits.maxStackFrames, Math.max(needed, stackFrames.length * 2)));
        grown.set(stackFrames.subarray(0, frameCount));
        stackFrames = grown;
      }
      for (let frame = start; frame < end; frame++) stackFrames[frameCount++] = locationFrames[frame]!;
    }
  }
  stackStart[sampleCount] = frameCount;

  return {
    sampleTypes,
    defaultSampleTypeIndex: namedDefault >= 0 ? namedDefault : typeCount - 1,
    periodType: periodType && (periodType.type !== "" || periodType.unit !== "") ? periodType : null,
    period: int64(source.period),
    timeMs: Number(BigInt.asIntN(64, BigInt(source.timeNanos)) / 1_000_000n),
    durationNanos: int64(source.durationNanos),
    comments: source.comment.map((index, position) => stringAt(index, `comment ${position}`)),
    functions,
    frameFunction: Uint32Array.from(frameFunction),
    frameLine: Uint32Array.from(frameLine),
    sampleCount,
    stackStart,
    stackFrames: stackFrames.slice(0, frameCount),
    values,
  };
}

/**
 * The leaf-most location pprof keeps of a stack under drop_frames (profile.Prune): scanning from
 * the root, frames before the first unmatched ("user") frame are kept; the first match after it
 * cuts the stack beneath that location, or drops the location too when it matched as a whole.
 */
function firstKeptLocation(stack: readonly number[], cutBeneath: Uint8Array, cutWhole: Uint8Array): number {
  let foundUserFrame = false;
  for (let position = stack.length - 1; position >= 0; position--) {
    const location = stack[position]!;
    if (!cutBeneath[location]) {
      foundUserFrame = true;
      continue;
    }
    if (!foundUserFrame) continue;
    return cutWhole[location] ? position + 1 : position;
  }
  return 0;
}
