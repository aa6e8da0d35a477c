import type { FlameGraph, SampleType } from "@fleetdeck/core";

/** One frame of a hand-written tree: self value, children, and for diff graphs the baseline's self. */
export interface TestFrame {
  name: string;
  self?: number;
  baseSelf?: number;
  file?: string;
  /** Marks a "(N smaller frames)" node standing for this many merged frames. */
  merged?: number;
  children?: TestFrame[];
}

interface TestRow {
  name: number;
  fileText: string | undefined;
  file: number;
  parent: number;
  depth: number;
  end: number;
  self: number;
  total: number;
  merged: number;
  baseSelf: number;
  baseTotal: number;
}

const unknownFile = 0xffffffff;

interface TestGraphOptions {
  kind?: "single" | "diff";
  sampleType?: SampleType;
  profileTotal?: number;
  rootPath?: string[];
}

/**
 * A FlameGraph built from a nested description, the way the wire decoder hands one over: pre-order
 * nodes, totals summed up the tree, names and files in one string table. For tests only.
 */
export function testFlameGraph(root: TestFrame, options: TestGraphOptions = {}): FlameGraph {
  const kind = options.kind ?? "single";
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (text: string) => {
    let index = stringIndex.get(text);
    if (index === undefined) {
      index = strings.length;
      strings.push(text);
      stringIndex.set(text, index);
    }
    return index;
  };
  const rows: TestRow[] = [];
  const visit = (frame: TestFrame, parent: number, depth: number): { total: number; baseTotal: number } => {
    const index = rows.length;
    const row = {
      name: intern(frame.name),
      fileText: frame.file,
      file: unknownFile,
      parent,
      depth,
      end: 0,
      self: frame.self ?? 0,
      total: 0,
      merged: frame.merged ?? 0,
      baseSelf: frame.baseSelf ?? 0,
      baseTotal: 0,
    };
    rows.push(row);
    let total = row.self;
    let baseTotal = row.baseSelf;
    for (const child of frame.children ?? []) {
      const sums = visit(child, index, depth + 1);
      total += sums.total;
      baseTotal += sums.baseTotal;
    }
    row.total = total;
    row.baseTotal = baseTotal;
    row.end = rows.length;
    return { total, baseTotal };
  };
  visit(root, -1, 0);
  // Files after names, as the wire's string table orders them.
  for (const row of rows) if (row.fileText !== undefined) row.file = intern(row.fileText);

  const sampleType = options.sampleType ?? { type: "cpu", unit: "nanoseconds" };
  const graph: FlameGraph = {
    kind,
    sampleType,
    sampleTypes: [sampleType],
    profileTotal: options.profileTotal ?? rows[0]!.total,
    rootPath: options.rootPath ?? [],
    strings,
    nodeName: Uint32Array.from(rows, (r) => r.name),
    nodeFile: Uint32Array.from(rows, (r) => r.file),
    nodeParent: Int32Array.from(rows, (r) => r.parent),
    nodeDepth: Uint16Array.from(rows, (r) => r.depth),
    subtreeEnd: Uint32Array.from(rows, (r) => r.end),
    nodeSelf: Float64Array.from(rows, (r) => r.self),
    nodeTotal: Float64Array.from(rows, (r) => r.total),
    nodeMerged: Uint32Array.from(rows, (r) => r.merged),
  };
  if (kind === "diff") {
    graph.baseSelf = Float64Array.from(rows, (r) => r.baseSelf);
    graph.baseTotal = Float64Array.from(rows, (r) => r.baseTotal);
  }
  return graph;
}

/** The index of the first node with this function name (tests name nodes uniquely). */
export function nodeNamed(graph: FlameGraph, name: string): number {
  const nameIndex = graph.strings.indexOf(name);
  const node = graph.nodeName.indexOf(nameIndex);
  if (nameIndex < 0 || node < 0) throw new Error(`no node named ${name}`);
  return node;
}
