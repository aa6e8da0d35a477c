import type { FlameGraph } from "./flame-graph.ts";
import type { SampleType } from "./profile.ts";

/**
 * The binary form of a FlameGraph, sent beside tRPC (JSON is slow to build and parse at this
 * size). Little-endian, in order:
 *
 *   "FDFG" | u32 version | u32 header length | header (UTF-8 JSON: kind, sampleType, sampleTypes,
 *   profileTotal, rootPath, nodeCount, stringCount) | pad to 4 | u32 byte length of each string |
 *   the strings (UTF-8) | then each column padded to 8 bytes: nodeSelf, nodeTotal, [baseSelf,
 *   baseTotal] (f64), nodeName, nodeFile (u32), nodeParent (i32), subtreeEnd, nodeMerged (u32),
 *   nodeDepth (u16).
 *
 * Columns start at multiples of 8 so the receiver views them in place, without copying.
 */
export const flameWireVersion = 1;
const magic = "FDFG";

/** What is wrong with bytes that should hold a flame graph; never an out-of-range read. */
export class FlameWireError extends Error {
  constructor(problem: string) {
    super(`flame graph data: ${problem}`);
  }
}

interface WireHeader {
  kind: FlameGraph["kind"];
  sampleType: SampleType;
  sampleTypes: SampleType[];
  profileTotal: number;
  rootPath: string[];
  nodeCount: number;
  stringCount: number;
}

type ColumnName = Exclude<
  {
    [K in keyof FlameGraph]-?: FlameGraph[K] extends ArrayLike<number> | undefined ? K : never;
  }[keyof FlameGraph],
  undefined
>;
type Column = {
  name: ColumnName;
  type: typeof Float64Array | typeof Uint32Array | typeof Int32Array | typeof Uint16Array;
};

const valueColumns: Column[] = [
  { name: "nodeSelf", type: Float64Array },
  { name: "nodeTotal", type: Float64Array },
];
const diffColumns: Column[] = [
  { name: "baseSelf", type: Float64Array },
  { name: "baseTotal", type: Float64Array },
];
const structureColumns: Column[] = [
  { name: "nodeName", type: Uint32Array },
  { name: "nodeFile", type: Uint32Array },
  { name: "nodeParent", type: Int32Array },
  { name: "subtreeEnd", type: Uint32Array },
  { name: "nodeMerged", type: Uint32Array },
  { name: "nodeDepth", type: Uint16Array },
];
const columnsOf = (kind: FlameGraph["kind"]) =>
  kind === "diff" ? [...valueColumns, ...diffColumns, ...structureColumns] : [...valueColumns, ...structureColumns];

const unknownFile = 0xffffffff;

export function encodeFlameGraph(graph: FlameGraph): Uint8Array {
  assertLittleEndian();
  const nodeCount = graph.nodeName.length;
  const encoder = new TextEncoder();
  const header = encoder.encode(
    JSON.stringify({
      kind: graph.kind,
      sampleType: graph.sampleType,
      sampleTypes: graph.sampleTypes,
      profileTotal: graph.profileTotal,
      rootPath: graph.rootPath,
      nodeCount,
      stringCount: graph.strings.length,
    } satisfies WireHeader),
  );
  const strings = graph.strings.map((s) => encoder.encode(s));
  const columns = columnsOf(graph.kind);

  let size = align(12 + header.length, 4) + 4 * strings.length;
  for (const s of strings) size += s.length;
  const columnOffsets = columns.map((column) => {
    size = align(size, 8);
    const at = size;
    size += nodeCount * column.type.BYTES_PER_ELEMENT;
    return at;
  });

  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set(encoder.encode(magic), 0);
  view.setUint32(4, flameWireVersion, true);
  view.setUint32(8, header.length, true);
  bytes.set(header, 12);
  let at = align(12 + header.length, 4);
  for (const s of strings) {
    view.setUint32(at, s.length, true);
    at += 4;
  }
  for (const s of strings) {
    bytes.set(s, at);
    at += s.length;
  }
  columns.forEach((column, i) => {
    const values = graph[column.name];
    if (!values || values.length !== nodeCount) {
      throw new FlameWireError(`column ${column.name} has ${values?.length ?? "no"} values for ${nodeCount} nodes`);
    }
    new column.type(bytes.buffer, columnOffsets[i], nodeCount).set(values);
  });
  return bytes;
}

/** Decodes and checks a flame graph; throws FlameWireError saying what is wrong and where. */
export function decodeFlameGraph(input: Uint8Array): FlameGraph {
  assertLittleEndian();
  // Columns are viewed in place, which needs the buffer itself aligned to 8.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (end: number, what: string) => {
    if (end > bytes.length) {
      throw new FlameWireError(`truncated at byte ${bytes.length}: ${what} needs ${end} bytes`);
    }
  };

  need(12, "the preamble");
  const found = String.fromCharCode(...bytes.subarray(0, 4));
  if (found !== magic) throw new FlameWireError(`does not start with "${magic}" (found ${JSON.stringify(found)})`);
  const version = view.getUint32(4, true);
  if (version !== flameWireVersion) {
    throw new FlameWireError(`unknown version ${version} (this reader knows ${flameWireVersion})`);
  }
  const headerLength = view.getUint32(8, true);
  need(12 + headerLength, "the header");
  const header = parseHeader(utf8(bytes.subarray(12, 12 + headerLength), "the header"));
  const { nodeCount, stringCount } = header;

  let at = align(12 + headerLength, 4);
  need(at + 4 * stringCount, "the string lengths");
  const lengths: number[] = [];
  for (let i = 0; i < stringCount; i++) lengths.push(view.getUint32(at + 4 * i, true));
  at += 4 * stringCount;
  const strings = lengths.map((length, i) => {
    need(at + length, `string ${i}`);
    const text = utf8(bytes.subarray(at, at + length), `string ${i}`);
    at += length;
    return text;
  });

  const graph: Partial<Record<ColumnName, ArrayLike<number>>> = {};
  for (const column of columnsOf(header.kind)) {
    at = align(at, 8);
    const end = at + nodeCount * column.type.BYTES_PER_ELEMENT;
    need(end, `the ${column.name} column`);
    graph[column.name] = new column.type(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, nodeCount);
    at = end;
  }
  if (at !== bytes.length) throw new FlameWireError(`${bytes.length - at} unexpected bytes after the last column`);

  const decoded = {
    kind: header.kind,
    sampleType: header.sampleType,
    sampleTypes: header.sampleTypes,
    profileTotal: header.profileTotal,
    rootPath: header.rootPath,
    strings,
    ...graph,
  } as FlameGraph;
  checkStructure(decoded, nodeCount);
  return decoded;
}

/** Checks every index the renderer will follow, so a bad file fails here and not while drawing. */
function checkStructure(graph: FlameGraph, nodeCount: number): void {
  const { nodeName, nodeFile, nodeParent, nodeDepth, subtreeEnd, strings } = graph;
  const fail = (node: number, problem: string): never => {
    throw new FlameWireError(`node ${node} ${problem}`);
  };
  for (let i = 0; i < nodeCount; i++) {
    if (nodeName[i]! >= strings.length) fail(i, `names string ${nodeName[i]} of ${strings.length}`);
    if (nodeFile[i] !== unknownFile && nodeFile[i]! >= strings.length) {
      fail(i, `names file string ${nodeFile[i]} of ${strings.length}`);
    }
    const parent = nodeParent[i]!;
    if (i === 0 ? parent !== -1 : parent < 0 || parent >= i) {
      fail(i, `has parent ${parent}; the first node has -1 and every other an earlier node`);
    }
    const end = subtreeEnd[i]!;
    if (end <= i || end > (i === 0 ? nodeCount : subtreeEnd[parent]!)) {
      fail(i, `has subtree end ${end}, outside its parent's subtree`);
    }
    if (i > 0 && nodeDepth[i] !== nodeDepth[parent]! + 1)
      fail(i, `has depth ${nodeDepth[i]} under a parent at ${nodeDepth[parent]}`);
  }
  if (nodeCount > 0 && nodeDepth[0] !== 0) fail(0, `has depth ${nodeDepth[0]}, not 0`);
  for (const { name } of columnsOf(graph.kind).filter((column) => column.type === Float64Array)) {
    const values = graph[name]!;
    for (let i = 0; i < nodeCount; i++) if (!Number.isFinite(values[i])) fail(i, `has ${name} ${values[i]}`);
  }
}

function parseHeader(text: string): WireHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FlameWireError("the header is not JSON");
  }
  const header = value as Partial<WireHeader> | null;
  const problem = (field: string, expected: string): never => {
    throw new FlameWireError(`header field ${field} must be ${expected}`);
  };
  if (typeof header !== "object" || header === null) throw new FlameWireError("the header is not a JSON object");
  if (header.kind !== "single" && header.kind !== "diff") problem("kind", `"single" or "diff"`);
  if (!isSampleType(header.sampleType)) problem("sampleType", "{ type, unit }");
  if (!Array.isArray(header.sampleTypes) || !header.sampleTypes.every(isSampleType)) {
    problem("sampleTypes", "a list of { type, unit }");
  }
  if (typeof header.profileTotal !== "number" || !Number.isFinite(header.profileTotal)) {
    problem("profileTotal", "a finite number");
  }
  if (!Array.isArray(header.rootPath) || !header.rootPath.every((name) => typeof name === "string")) {
    problem("rootPath", "a list of names");
  }
  if (!isCount(header.nodeCount) || header.nodeCount < 1) problem("nodeCount", "a whole number ≥ 1");
  if (!isCount(header.stringCount)) problem("stringCount", "a whole number");
  return header as WireHeader;
}

function isSampleType(value: unknown): value is SampleType {
  const t = value as Partial<SampleType> | null;
  return typeof t === "object" && t !== null && typeof t.type === "string" && typeof t.unit === "string";
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value < 2 ** 32;
}

function utf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new FlameWireError(`${what} is not valid UTF-8`);
  }
}

function align(offset: number, to: number): number {
  return Math.ceil(offset / to) * to;
}

function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) {
    throw new FlameWireError("this platform is big-endian; the format is little-endian");
  }
}
