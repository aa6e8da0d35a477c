import type { ServiceGraph, ServiceGraphEdge, ServiceGraphNode } from "@fleetdeck/core";
import { nodeTitle } from "./graph-node-text.ts";

/** An edge as the tables show it: both ends named, busiest first. */
export interface GraphEdgeRow {
  key: string;
  edge: ServiceGraphEdge;
  fromTitle: string;
  toTitle: string;
}

export function graphEdgeRows(graph: ServiceGraph, edges: readonly ServiceGraphEdge[] = graph.edges): GraphEdgeRow[] {
  const titles = new Map(graph.nodes.map((node) => [node.id, nodeTitle(node)]));
  return edges
    .map((edge) => ({
      key: `${edge.from}->${edge.to}`,
      edge,
      fromTitle: titles.get(edge.from) ?? edge.from,
      toTitle: titles.get(edge.to) ?? edge.to,
    }))
    .sort((a, b) => b.edge.rps - a.edge.rps || a.key.localeCompare(b.key));
}

/** The selected node's direct callers and callees. */
export function directCalls(graph: ServiceGraph, nodeId: string) {
  return {
    callers: graphEdgeRows(
      graph,
      graph.edges.filter((edge) => edge.to === nodeId),
    ),
    callees: graphEdgeRows(
      graph,
      graph.edges.filter((edge) => edge.from === nodeId),
    ),
  };
}

/**
 * The node a search names: an exact id or name (any case) first, then the first whose title
 * contains the text. Null for an empty search or no match.
 */
export function findGraphNode(nodes: readonly ServiceGraphNode[], text: string): ServiceGraphNode | null {
  const wanted = text.trim().toLowerCase();
  if (wanted === "") return null;
  return (
    nodes.find((node) => node.id.toLowerCase() === wanted || node.name.toLowerCase() === wanted) ??
    nodes.find((node) => nodeTitle(node).toLowerCase() === wanted) ??
    nodes.find((node) => nodeTitle(node).toLowerCase().includes(wanted)) ??
    null
  );
}
