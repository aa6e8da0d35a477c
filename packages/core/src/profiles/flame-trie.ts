/** The node columns of a finished tree, in depth-first pre-order with children sorted by name. */
export interface FlameTreeColumns {
  nodeCount: number;
  nodeFunction: Int32Array;
  nodeParent: Int32Array;
  nodeDepth: Uint32Array;
  subtreeEnd: Uint32Array;
  nodeSelf: Float64Array;
  nodeTotal: Float64Array;
  baseSelf?: Float64Array;
  baseTotal?: Float64Array;
}

/** Which columns a path's value goes to: the profile's own, or a diff's baseline. */
export type TrieSide = "target" | "base";

const initialCapacity = 1024;

/**
 * A call-path trie over integer function ids: a node per distinct (parent, function), values in
 * growable typed arrays, children found through an open-addressing hash table of node ids (a JS
 * Map of millions of entries is several times slower). Nodes are numbered in insertion order,
 * a parent before its children, and put in pre-order by `finish`.
 */
export class FlameTrie {
  private count = 1;
  private parent = new Int32Array(initialCapacity);
  private rank = new Int32Array(initialCapacity);
  private depth = new Uint32Array(initialCapacity);
  private self = new Float64Array(initialCapacity);
  private total = new Float64Array(initialCapacity);
  private baseSelf: Float64Array | null;
  private baseTotal: Float64Array | null;
  /**
   * The hash table: per slot three ints (parent + 1, rank, node), parent + 1 = 0 when empty; at
   * most half full. Interleaved so that a probe touches one cache line.
   */
  private slots = new Int32Array(initialCapacity * 2 * 3);
  private readonly functionOfRank: Int32Array;

  /**
   * @param nameRank per function id, its position when functions are sorted by name; children
   *   are keyed and ordered by it.
   * @param rootFunction the function of node 0, or -1 for the synthetic root of the whole profile.
   */
  constructor(
    private readonly nameRank: Int32Array,
    private readonly rootFunction: number,
    withBase: boolean,
  ) {
    this.functionOfRank = new Int32Array(nameRank.length);
    nameRank.forEach((rank, fn) => {
      this.functionOfRank[rank] = fn;
    });
    this.parent[0] = -1;
    this.rank[0] = -1;
    this.baseSelf = withBase ? new Float64Array(initialCapacity) : null;
    this.baseTotal = withBase ? new Float64Array(initialCapacity) : null;
  }

  /** Adds `value` along the path path[from..to) below node 0, its self to the path's last node. */
  addPath(path: Int32Array, from: number, to: number, value: number, side: TrieSide): void {
    // Room for the whole path first, so the columns read below are not replaced while walking.
    while (this.count + (to - from) > this.parent.length) this.grow();
    const total = side === "target" ? this.total : this.baseTotal!;
    const self = side === "target" ? this.self : this.baseSelf!;
    let node = 0;
    total[0]! += value;
    for (let j = from; j < to; j++) {
      node = this.childOf(node, this.nameRank[path[j]!]!);
      total[node]! += value;
    }
    self[node]! += value;
  }

  finish(): FlameTreeColumns {
    const n = this.count;
    // Children grouped by parent (counting sort), then each group sorted by name rank.
    const firstChild = new Int32Array(n + 1);
    for (let i = 1; i < n; i++) firstChild[this.parent[i]! + 1]!++;
    for (let i = 0; i < n; i++) firstChild[i + 1]! += firstChild[i]!;
    const children = new Int32Array(Math.max(0, n - 1));
    const filled = firstChild.slice(0, n);
    for (let i = 1; i < n; i++) children[filled[this.parent[i]!]!++] = i;
    for (let node = 0; node < n; node++) this.sortByRank(children, firstChild[node]!, firstChild[node + 1]!);

    const size = new Uint32Array(n).fill(1);
    for (let i = n - 1; i > 0; i--) size[this.parent[i]!]! += size[i]!;

    const order = new Int32Array(n);
    const position = new Int32Array(n);
    const pending = new Int32Array(n);
    let top = 0;
    let next = 0;
    pending[top++] = 0;
    while (top > 0) {
      const node = pending[--top]!;
      position[node] = next;
      order[next++] = node;
      for (let c = firstChild[node + 1]! - 1; c >= firstChild[node]!; c--) pending[top++] = children[c]!;
    }

    const columns: FlameTreeColumns = {
      nodeCount: n,
      nodeFunction: new Int32Array(n),
      nodeParent: new Int32Array(n),
      nodeDepth: new Uint32Array(n),
      subtreeEnd: new Uint32Array(n),
      nodeSelf: new Float64Array(n),
      nodeTotal: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      const node = order[i]!;
      columns.nodeFunction[i] = node === 0 ? this.rootFunction : this.functionOfRank[this.rank[node]!]!;
      columns.nodeParent[i] = node === 0 ? -1 : position[this.parent[node]!]!;
      columns.nodeDepth[i] = this.depth[node]!;
      columns.subtreeEnd[i] = i + size[node]!;
      columns.nodeSelf[i] = this.self[node]!;
      columns.nodeTotal[i] = this.total[node]!;
    }
    if (this.baseSelf && this.baseTotal) {
      const baseSelf = this.baseSelf;
      const baseTotal = this.baseTotal;
      columns.baseSelf = Float64Array.from(order, (node) => baseSelf[node]!);
      columns.baseTotal = Float64Array.from(order, (node) => baseTotal[node]!);
    }
    return columns;
  }

  private childOf(parent: number, rank: number): number {
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    let slot = slotOf(parent, rank) & mask;
    for (;;) {
      const at = slot * 3;
      const storedParent = slots[at]!;
      if (storedParent === 0) break;
      if (storedParent === parent + 1 && slots[at + 1] === rank) return slots[at + 2]!;
      slot = (slot + 1) & mask;
    }
    const node = this.count++;
    this.parent[node] = parent;
    this.rank[node] = rank;
    this.depth[node] = this.depth[parent]! + 1;
    this.store(slots, mask, node);
    return node;
  }

  private grow(): void {
    const capacity = this.parent.length * 2;
    this.parent = grown(this.parent, new Int32Array(capacity));
    this.rank = grown(this.rank, new Int32Array(capacity));
    this.depth = grown(this.depth, new Uint32Array(capacity));
    this.self = grown(this.self, new Float64Array(capacity));
    this.total = grown(this.total, new Float64Array(capacity));
    if (this.baseSelf) this.baseSelf = grown(this.baseSelf, new Float64Array(capacity));
    if (this.baseTotal) this.baseTotal = grown(this.baseTotal, new Float64Array(capacity));
    this.slots = new Int32Array(capacity * 2 * 3);
    const mask = capacity * 2 - 1;
    for (let node = 1; node < this.count; node++) this.store(this.slots, mask, node);
  }

  private store(slots: Int32Array, mask: number, node: number): void {
    const parent = this.parent[node]!;
    const rank = this.rank[node]!;
    let slot = slotOf(parent, rank) & mask;
    while (slots[slot * 3] !== 0) slot = (slot + 1) & mask;
    slots[slot * 3] = parent + 1;
    slots[slot * 3 + 1] = rank;
    slots[slot * 3 + 2] = node;
  }

  private sortByRank(nodes: Int32Array, from: number, to: number): void {
    const rank = this.rank;
    if (to - from > 32) {
      nodes.subarray(from, to).sort((a, b) => rank[a]! - rank[b]!);
      return;
    }
    for (let i = from + 1; i < to; i++) {
      const node = nodes[i]!;
      let j = i - 1;
      while (j >= from && rank[nodes[j]!]! > rank[node]!) {
        nodes[j + 1] = nodes[j]!;
        j--;
      }
      nodes[j + 1] = node;
    }
  }
}

/** Per function id, its position in the list of functions sorted by name (code-unit order). */
export function nameRanks(names: readonly string[]): Int32Array {
  const byName = Array.from(names.keys()).sort((a, b) => {
    const x = names[a]!;
    const y = names[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const rank = new Int32Array(names.length);
  byName.forEach((fn, position) => {
    rank[fn] = position;
  });
  return rank;
}

function slotOf(parent: number, rank: number): number {
  return Math.imul(parent, 0x9e3779b1) ^ Math.imul(rank + 1, 0x85ebca6b);
}

function grown<T extends Int32Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
