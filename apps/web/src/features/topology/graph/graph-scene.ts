import type { ServiceGraph } from "@fleetdeck/core";
import { type EdgeColourBy, edgeColourClass, edgeWidthClass, type NodeHealth, nodeHealthOf } from "./graph-colours.ts";
import type { GraphLayout } from "./graph-layout.ts";
import { EdgeRole, type Neighbourhood, NodeRole } from "./graph-neighbourhood.ts";

/** Edges drawn with one stroke: the same colour, width, dash and emphasis. */
export interface EdgeBatch {
  colourClass: number;
  widthClass: number;
  /** Calls that cross regions are dashed. */
  dashed: boolean;
  /** Off the selection's paths while something is selected. */
  dimmed: boolean;
  edges: Uint32Array;
}

/** Nodes drawn together: the same health, kind and emphasis. */
export interface NodeBatch {
  health: NodeHealth;
  external: boolean;
  dimmed: boolean;
  nodes: Uint32Array;
}

/**
 * What to draw, grouped so a frame costs a few dozen strokes however many edges there are (the
 * flame graph batches by colour the same way). Rebuilt when the data, the colouring or the
 * selection change, never per frame. Batches are in drawing order: dimmed first, then calm to
 * alarming colours, so an erroring call is never hidden under a healthy one.
 */
export interface GraphScene {
  edgeBatches: EdgeBatch[];
  nodeBatches: NodeBatch[];
  /** NodeRole per node when something is selected; null otherwise. */
  nodeRole: Uint8Array | null;
}

export function buildGraphScene(
  graph: ServiceGraph,
  colourBy: EdgeColourBy,
  neighbourhood: Neighbourhood | null,
): GraphScene {
  let maxRps = 0;
  for (const edge of graph.edges) maxRps = Math.max(maxRps, edge.rps);

  const edgeGroups = new Map<number, number[]>();
  graph.edges.forEach((edge, index) => {
    const dimmed = neighbourhood !== null && neighbourhood.edgeRole[index] === EdgeRole.dimmed;
    const colourClass = edgeColourClass(edge, colourBy);
    const widthClass = edgeWidthClass(edge.rps, maxRps);
    // Sort key: dimmed before lit, then colour, width and dash.
    const key = (dimmed ? 0 : 1) * 1000 + colourClass * 100 + widthClass * 10 + (edge.crossRegion ? 1 : 0);
    const group = edgeGroups.get(key);
    if (group) group.push(index);
    else edgeGroups.set(key, [index]);
  });
  const edgeBatches = [...edgeGroups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, edges]) => ({
      dimmed: key < 1000,
      colourClass: Math.floor((key % 1000) / 100),
      widthClass: Math.floor((key % 100) / 10),
      dashed: key % 10 === 1,
      edges: Uint32Array.from(edges),
    }));

  const nodeGroups = new Map<string, { batch: Omit<NodeBatch, "nodes">; nodes: number[] }>();
  graph.nodes.forEach((node, index) => {
    const dimmed = neighbourhood !== null && neighbourhood.nodeRole[index] === NodeRole.dimmed;
    const health = nodeHealthOf(node);
    const key = `${dimmed ? 0 : 1}${node.external ? 1 : 0}${health}`;
    const group = nodeGroups.get(key);
    if (group) group.nodes.push(index);
    else nodeGroups.set(key, { batch: { health, external: node.external, dimmed }, nodes: [index] });
  });
  const nodeBatches = [...nodeGroups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => ({ ...group.batch, nodes: Uint32Array.from(group.nodes) }));

  return { edgeBatches, nodeBatches, nodeRole: neighbourhood?.nodeRole ?? null };
}

/** Each edge's bounding box (left, top, right, bottom) for culling; rebuilt once per layout. */
export function edgeBoundsOf(layout: GraphLayout): Float64Array {
  const count = layout.edgePointStart.length - 1;
  const bounds = new Float64Array(Math.max(0, count) * 4);
  for (let edge = 0; edge < count; edge++) {
    let left = Number.POSITIVE_INFINITY;
    let top = Number.POSITIVE_INFINITY;
    let right = Number.NEGATIVE_INFINITY;
    let bottom = Number.NEGATIVE_INFINITY;
    for (let point = layout.edgePointStart[edge]!; point < layout.edgePointStart[edge + 1]!; point++) {
      const x = layout.edgePoints[point * 2]!;
      const y = layout.edgePoints[point * 2 + 1]!;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
    bounds.set([left, top, right, bottom], edge * 4);
  }
  return bounds;
}
