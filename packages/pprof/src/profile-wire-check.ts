/**
 * A strict pass over the protobuf wire format of a profile.proto before pprof-format decodes it.
 * pprof-format trusts its input: a length that runs past the end is silently cut short, a tag of
 * more than one byte is misread, and fixed-width or group fields throw a bare Error. Checking
 * every tag, varint and length first turns all of these into one clear message with a byte offset.
 */

type FieldKind = "varint" | "varints" | "bytes" | MessageSchema;

interface MessageSchema {
  name: string;
  fields: Readonly<Record<number, FieldKind>>;
}

const valueType: MessageSchema = { name: "ValueType", fields: { 1: "varint", 2: "varint" } };
const label: MessageSchema = { name: "Label", fields: { 1: "varint", 2: "varint", 3: "varint", 4: "varint" } };
const sample: MessageSchema = { name: "Sample", fields: { 1: "varints", 2: "varints", 3: label } };
const mapping: MessageSchema = {
  name: "Mapping",
  fields: {
    1: "varint",
    2: "varint",
    3: "varint",
    4: "varint",
    5: "varint",
    6: "varint",
    7: "varint",
    8: "varint",
    9: "varint",
    10: "varint",
  },
};
const line: MessageSchema = { name: "Line", fields: { 1: "varint", 2: "varint", 3: "varint" } };
const location: MessageSchema = {
  name: "Location",
  fields: { 1: "varint", 2: "varint", 3: "varint", 4: line, 5: "varint" },
};
const functionSchema: MessageSchema = {
  name: "Function",
  fields: { 1: "varint", 2: "varint", 3: "varint", 4: "varint", 5: "varint" },
};
const profileSchema: MessageSchema = {
  name: "Profile",
  fields: {
    1: valueType,
    2: sample,
    3: mapping,
    4: location,
    5: functionSchema,
    6: "bytes",
    7: "varint",
    8: "varint",
    9: "varint",
    10: "varint",
    11: valueType,
    12: "varint",
    13: "varints",
    14: "varint",
    15: "varint",
  },
};

const wireVarint = 0;
const wireLengthDelimited = 2;
const maxVarintBytes = 10;

/** Where the wire format is broken, or null when every field of the profile is well formed. */
export function findWireProblem(bytes: Uint8Array): string | null {
  return checkMessage(bytes, 0, bytes.length, profileSchema);
}

function checkMessage(bytes: Uint8Array, start: number, end: number, schema: MessageSchema): string | null {
  let offset = start;
  while (offset < end) {
    const tagOffset = offset;
    const tag = bytes[offset]!;
    offset++;
    // Every field of profile.proto has a number below 16, so its tag fits one byte; pprof-format
    // reads only that byte, so a longer tag would be misread rather than skipped.
    if (tag >= 0x80) {
      return `byte ${tagOffset}: ${schema.name} has a field number above 15, which profile.proto does not define`;
    }
    const field = tag >> 3;
    const wireType = tag & 0x7;
    if (field === 0) return `byte ${tagOffset}: ${schema.name} has a field numbered 0`;
    if (wireType !== wireVarint && wireType !== wireLengthDelimited) {
      return `byte ${tagOffset}: ${schema.name} field ${field} has wire type ${wireType}, which profile.proto does not use`;
    }
    const kind = schema.fields[field];
    if (wireType === wireVarint) {
      if (kind !== undefined && kind !== "varint" && kind !== "varints") {
        return `byte ${tagOffset}: ${schema.name} field ${field} is a varint where a length-delimited value belongs`;
      }
      const next = skipVarint(bytes, offset, end);
      if (next < 0) return `byte ${offset}: ${schema.name} field ${field} has an unterminated or overlong varint`;
      offset = next;
      continue;
    }
    if (kind === "varint") {
      return `byte ${tagOffset}: ${schema.name} field ${field} is length-delimited where a varint belongs`;
    }
    const lengthEnd = skipVarint(bytes, offset, end);
    if (lengthEnd < 0) return `byte ${offset}: ${schema.name} field ${field} has an unterminated length`;
    const length = readVarintAsNumber(bytes, offset, lengthEnd);
    if (length > end - lengthEnd) {
      return `byte ${tagOffset}: ${schema.name} field ${field} claims ${length} bytes but only ${end - lengthEnd} remain (truncated?)`;
    }
    const valueEnd = lengthEnd + length;
    const problem =
      kind === "varints"
        ? checkPackedVarints(bytes, lengthEnd, valueEnd, schema, field)
        : typeof kind === "object"
          ? checkMessage(bytes, lengthEnd, valueEnd, kind)
          : null;
    if (problem) return problem;
    offset = valueEnd;
  }
  return null;
}

function checkPackedVarints(
  bytes: Uint8Array,
  start: number,
  end: number,
  schema: MessageSchema,
  field: number,
): string | null {
  let offset = start;
  while (offset < end) {
    const next = skipVarint(bytes, offset, end);
    if (next < 0) return `byte ${offset}: ${schema.name} field ${field} has an unterminated or overlong packed varint`;
    offset = next;
  }
  return null;
}

/** The offset after the varint at `offset`, or -1 if it does not end before `end` within 10 bytes. */
function skipVarint(bytes: Uint8Array, offset: number, end: number): number {
  const limit = Math.min(end, offset + maxVarintBytes);
  for (let index = offset; index < limit; index++) {
    if (bytes[index]! < 0x80) return index + 1;
  }
  return -1;
}

/** A length varint as a number; lengths beyond 2^53 are larger than any buffer anyway. */
function readVarintAsNumber(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  let scale = 1;
  for (let index = start; index < end; index++) {
    value += (bytes[index]! & 0x7f) * scale;
    scale *= 128;
  }
  return value;
}
