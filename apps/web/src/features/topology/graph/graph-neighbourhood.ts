import type { GraphStructure } from "./graph-structure.ts";

/** A node's part in the selection: what highlight it gets. */
export const NodeRole = { dimmed: 0, upstream: 1, downstream: 2, selected: 3 } as const;
/** An edge's part in the selection. */
export const EdgeRole = { dimmed: 0, upstream: 1, downstream: 2 } as const;

export interface Neighbourhood {
  selected: number;
  /** NodeRole per node index. */
  nodeRole: Uint8Array;
  /** EdgeRole per edge index. */
  edgeRole: Uint8Array;
  upstreamCount: number;
  downstreamCount: number;
}

/**
 * Everything that calls the selected node, directly or through others (upstream), and everything
 * it calls, directly or not (downstream), with the edges on those paths. A node both upstream and
 * downstream (a cycle through the selection) counts as downstream.
 */
export function neighbourhoodOf(structure: Pick<GraphStructure, "nodes" | "edges">, selected: number): Neighbourhood {
  const nodeCount = structure.nodes.length;
  const outgoing = adjacency(nodeCount, structure.edges, "from");
  const incoming = adjacency(nodeCount, structure.edges, "to");
  const upstream = reach(selected, incoming, structure.edges, "from");
  const downstream = reach(selected, outgoing, structure.edges, "to");

  const nodeRole = new Uint8Array(nodeCount);
  let upstreamCount = 0;
  let downstreamCount = 0;
  for (let node = 0; node < nodeCount; node++) {
    if (node === selected) nodeRole[node] = NodeRole.selected;
    else if (downstream[node]) {
      nodeRole[node] = NodeRole.downstream;
      downstreamCount++;
    } else if (upstream[node]) {
      nodeRole[node] = NodeRole.upstream;
      upstreamCount++;
    }
  }
  // An edge is on an upstream path when both its ends reach the selection by calls, and on a
  // downstream path when both are reached from it.
  const edgeRole = new Uint8Array(structure.edges.length);
  structure.edges.forEach((edge, index) => {
    if (downstream[edge.from] && downstream[edge.to] && edge.to !== selected) edgeRole[index] = EdgeRole.downstream;
    else if (upstream[edge.from] && upstream[edge.to] && edge.from !== selected) edgeRole[index] = EdgeRole.upstream;
  });
  return { selected, nodeRole, edgeRole, upstreamCount, downstreamCount };
}

/** Edge indexes by node: out-going ones keyed by `from`, incoming ones by `to`. */
function adjacency(nodeCount: number, edges: GraphStructure["edges"], by: "from" | "to"): number[][] {
  const lists: number[][] = Array.from({ length: nodeCount }, () => []);
  edges.forEach((edge, index) => {
    lists[edge[by]]?.push(index);
  });
  return lists;
}

/** Breadth-first from the start, following each edge to its `toward` end; the start is included. */
function reach(start: number, lists: number[][], edges: GraphStructure["edges"], toward: "from" | "to"): Uint8Array {
  const seen = new Uint8Array(lists.length);
  if (start < 0 || start >= lists.length) return seen;
  seen[start] = 1;
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    for (const edgeIndex of lists[queue[head]!] ?? []) {
      const next = edges[edgeIndex]![toward];
      if (seen[next]) continue;
      seen[next] = 1;
      queue.push(next);
    }
  }
  return seen;
}
