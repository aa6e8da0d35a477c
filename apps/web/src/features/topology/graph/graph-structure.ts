import type { ServiceGraph, ServiceGraphNode } from "@fleetdeck/core";
import { nodeTitle } from "./graph-node-text.ts";

/** A node box in layout units (CSS pixels at zoom 1). */
export const nodeHeightPx = 40;
/** Wide enough for the longest caption ("125 of 125 unhealthy"). */
const nodeMinWidthPx = 130;
const nodeMaxWidthPx = 240;
/** A rough letter width of the node font: boxes are sized before any canvas exists (in the worker's input). */
const approxLetterPx = 7.4;
const nodePaddingPx = 30;

/**
 * What the layout depends on and nothing else: the nodes (with their box sizes) and which node
 * calls which. Weights and colours are not part of it, so a refresh that only moves traffic keeps
 * the same key and the same layout. Edge ends are node indexes; both arrays follow the graph's
 * (sorted) order, so index i of a layout is index i of every graph with the same key.
 */
export interface GraphStructure {
  key: string;
  nodes: { id: string; widthPx: number; heightPx: number }[];
  edges: { from: number; to: number }[];
}

export function nodeWidthPx(node: Pick<ServiceGraphNode, "name" | "regionIds" | "external">): number {
  const label = nodeTitle(node);
  return Math.min(nodeMaxWidthPx, Math.max(nodeMinWidthPx, Math.ceil(label.length * approxLetterPx + nodePaddingPx)));
}

export function graphStructureOf(graph: ServiceGraph): GraphStructure {
  const indexById = new Map(graph.nodes.map((node, index) => [node.id, index]));
  const nodes = graph.nodes.map((node) => ({ id: node.id, widthPx: nodeWidthPx(node), heightPx: nodeHeightPx }));
  const edges: GraphStructure["edges"] = [];
  for (const edge of graph.edges) {
    const from = indexById.get(edge.from);
    const to = indexById.get(edge.to);
    // The server never sends an edge without its nodes; a stray one could not be placed.
    if (from !== undefined && to !== undefined) edges.push({ from, to });
  }
  return { key: structureKey(nodes, edges), nodes, edges };
}

/** Two 32-bit FNV-1a hashes (different offsets) over ids, sizes and edge ends, with the counts. */
function structureKey(nodes: GraphStructure["nodes"], edges: GraphStructure["edges"]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const feed = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 13);
    }
  };
  for (const node of nodes) feed(`${node.id}\u0000${node.widthPx}\u0001`);
  for (const edge of edges) feed(`${edge.from}>${edge.to}\u0001`);
  return `${nodes.length}n${edges.length}e-${(a >>> 0).toString(36)}${(b >>> 0).toString(36)}`;
}
