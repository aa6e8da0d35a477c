import type { FlameGraph } from "./flame-graph.ts";
import type { FlameTree } from "./flame-tree.ts";
import { ProfileQueryError } from "./profile-query-error.ts";

export interface FlameBudget {
  /** Most nodes the graph may hold, "(N smaller frames)" nodes included; at least 2. */
  maxNodes: number;
}

/** The name of node 0 when it stands for the whole profile, as pprof names it. */
export const flameRootName = "root";

const unknownFile = 0xffffffff;
const maxDepth = 0xffff;

/** The name of a node that stands for `count` children too small to draw. */
export function smallerFramesName(count: number): string {
  return count === 1 ? "(1 smaller frame)" : `(${count} smaller frames)`;
}

/**
 * Cuts a full tree down to what the browser draws: the biggest nodes first, breadth-wise from
 * the root (a max-heap by total, a node's children entering once it is kept), until `maxNodes`.
 * Each kept node's children that did not make it become ONE node, "(N smaller frames)", carrying
 * their combined total as its self, so every node's total is still its self plus its children's.
 * A diff tree is cut by target + baseline, the width its frames are drawn with.
 */
export function toFlameGraph(tree: FlameTree, { maxNodes }: FlameBudget): FlameGraph {
  if (!Number.isInteger(maxNodes) || maxNodes < 2) {
    throw new ProfileQueryError(`maxNodes must be an integer ≥ 2, not ${maxNodes}`);
  }
  const kept = keepBiggest(tree, maxNodes);
  return layOut(tree, kept);
}

interface KeptNodes {
  kept: Uint8Array;
  /** Per kept node: how many of its children were not kept. */
  left: Uint32Array;
  outputCount: number;
}

function keepBiggest(tree: FlameTree, maxNodes: number): KeptNodes {
  const { nodeCount, nodeParent, subtreeEnd, nodeTotal, baseTotal } = tree;
  const weight = (node: number) => Math.abs(nodeTotal[node]!) + (baseTotal ? Math.abs(baseTotal[node]!) : 0);
  const childCount = new Uint32Array(nodeCount);
  for (let i = 1; i < nodeCount; i++) childCount[nodeParent[i]!]!++;

  const kept = new Uint8Array(nodeCount);
  const left = new Uint32Array(nodeCount);
  const candidates = new NodeHeap(weight);
  const keep = (node: number) => {
    kept[node] = 1;
    left[node] = childCount[node]!;
    // In pre-order the first child follows its parent and each next sibling ends the previous subtree.
    for (let child = node + 1; child < subtreeEnd[node]!; child = subtreeEnd[child]!) candidates.push(child);
  };
  keep(0);
  let keptCount = 1;
  let mergedCount = childCount[0]! > 0 ? 1 : 0;
  while (candidates.size > 0) {
    const node = candidates.peek();
    const parent = nodeParent[node]!;
    // Keeping a node may free its parent's merged node, and needs one for its own children.
    const mergedAfter = mergedCount - (left[parent] === 1 ? 1 : 0) + (childCount[node]! > 0 ? 1 : 0);
    // Stop at the first that does not fit, so every kept frame is at least as big as every merged one.
    if (keptCount + 1 + mergedAfter > maxNodes) break;
    candidates.pop();
    keep(node);
    left[parent]!--;
    keptCount++;
    mergedCount = mergedAfter;
  }
  return { kept, left, outputCount: keptCount + mergedCount };
}

function layOut(tree: FlameTree, { kept, left, outputCount: n }: KeptNodes): FlameGraph {
  const strings = new StringTable();
  const diff = tree.baseSelf !== undefined && tree.baseTotal !== undefined;
  const graph: FlameGraph = {
    kind: diff ? "diff" : "single",
    sampleType: tree.sampleTypes[tree.sampleTypeIndex]!,
    sampleTypes: tree.sampleTypes,
    profileTotal: tree.profileTotal,
    rootPath: tree.rootPath,
    strings: [],
    nodeName: new Uint32Array(n),
    nodeFile: new Uint32Array(n),
    nodeParent: new Int32Array(n),
    nodeDepth: new Uint16Array(n),
    subtreeEnd: new Uint32Array(n),
    nodeSelf: new Float64Array(n),
    nodeTotal: new Float64Array(n),
    nodeMerged: new Uint32Array(n),
    ...(diff ? { baseSelf: new Float64Array(n), baseTotal: new Float64Array(n) } : {}),
  };
  // Names first, then files: files are only known once every name is in.
  const fileOf: string[] = [];
  const outputOf = new Int32Array(tree.nodeCount);
  const mergedTotal = new Float64Array(tree.nodeCount);
  const mergedBase = new Float64Array(diff ? tree.nodeCount : 0);
  const open: number[] = [];
  let next = 0;

  const add = (parentOutput: number, name: string, file: string) => {
    const at = next++;
    const depth = parentOutput < 0 ? 0 : graph.nodeDepth[parentOutput]! + 1;
    if (depth > maxDepth) throw new ProfileQueryError(`the flame graph is deeper than ${maxDepth} frames`);
    graph.nodeParent[at] = parentOutput;
    graph.nodeDepth[at] = depth;
    graph.nodeName[at] = strings.add(name);
    fileOf[at] = file;
    return at;
  };
  const close = (node: number) => {
    const output = outputOf[node]!;
    if (left[node]! > 0) {
      const merged = add(output, smallerFramesName(left[node]!), "");
      graph.nodeMerged[merged] = left[node]!;
      graph.nodeSelf[merged] = mergedTotal[node]!;
      graph.nodeTotal[merged] = mergedTotal[node]!;
      graph.subtreeEnd[merged] = merged + 1;
      if (graph.baseSelf && graph.baseTotal) {
        graph.baseSelf[merged] = mergedBase[node]!;
        graph.baseTotal[merged] = mergedBase[node]!;
      }
    }
    graph.subtreeEnd[output] = next;
  };

  for (let node = 0; node < tree.nodeCount; ) {
    while (open.length > 0 && tree.subtreeEnd[open.at(-1)!]! <= node) close(open.pop()!);
    const parent = tree.nodeParent[node]!;
    if (kept[node] === 0) {
      mergedTotal[parent]! += tree.nodeTotal[node]!;
      if (diff) mergedBase[parent]! += tree.baseTotal![node]!;
      node = tree.subtreeEnd[node]!;
      continue;
    }
    const fn = tree.functions[tree.nodeFunction[node]!];
    const output = add(parent < 0 ? -1 : outputOf[parent]!, fn?.name ?? flameRootName, fn?.filename ?? "");
    outputOf[node] = output;
    graph.nodeSelf[output] = tree.nodeSelf[node]!;
    graph.nodeTotal[output] = tree.nodeTotal[node]!;
    if (graph.baseSelf && graph.baseTotal) {
      graph.baseSelf[output] = tree.baseSelf![node]!;
      graph.baseTotal[output] = tree.baseTotal![node]!;
    }
    open.push(node);
    node++;
  }
  while (open.length > 0) close(open.pop()!);

  fileOf.forEach((file, i) => {
    graph.nodeFile[i] = file ? strings.add(file) : unknownFile;
  });
  graph.strings = strings.values;
  return graph;
}

class StringTable {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  add(value: string): number {
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.values.length;
      this.values.push(value);
      this.index.set(value, at);
    }
    return at;
  }
}

/** A binary max-heap of node ids by weight; ties go to the earlier node, so cuts are stable. */
class NodeHeap {
  private readonly nodes: number[] = [];

  constructor(private readonly weight: (node: number) => number) {}

  get size(): number {
    return this.nodes.length;
  }

  peek(): number {
    return this.nodes[0]!;
  }

  push(node: number): void {
    const nodes = this.nodes;
    let at = nodes.length;
    nodes.push(node);
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (!this.before(node, nodes[up]!)) break;
      nodes[at] = nodes[up]!;
      at = up;
    }
    nodes[at] = node;
  }

  pop(): number {
    const nodes = this.nodes;
    const top = nodes[0]!;
    const last = nodes.pop()!;
    if (nodes.length > 0) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= nodes.length) break;
        const right = left + 1;
        const child = right < nodes.length && this.before(nodes[right]!, nodes[left]!) ? right : left;
        if (!this.before(nodes[child]!, last)) break;
        nodes[at] = nodes[child]!;
        at = child;
      }
      nodes[at] = last;
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    const wa = this.weight(a);
    const wb = this.weight(b);
    return wa > wb || (wa === wb && a < b);
  }
}
