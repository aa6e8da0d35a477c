import type { FlameGraph } from "@fleetdeck/core";
import type { FlameOrientation } from "./flame-layout.ts";

/** What a key does in the flame graph. */
export type FlameKeyAction =
  | { type: "select"; node: number }
  | { type: "zoom"; node: number }
  | { type: "zoomOut" }
  | { type: "focusSearch" };

interface FlameKeyState {
  /** The frame with the keyboard focus, or null before the first arrow key. */
  selected: number | null;
  /** The zoomed frame: where selection starts. */
  zoomNode: number;
  orientation: FlameOrientation;
}

/**
 * The graph's keyboard paths: arrows move between parent, first child and siblings the way they
 * point on screen (up is the callee side in a flame graph, the caller side in an icicle), Enter
 * zooms into the selected frame, Escape zooms out one level and "/" jumps to the search box.
 * Returns null for keys the graph leaves alone.
 */
export function flameKeyAction(key: string, graph: FlameGraph, state: FlameKeyState): FlameKeyAction | null {
  if (key === "/") return { type: "focusSearch" };
  if (key === "Escape") return { type: "zoomOut" };
  const current = state.selected ?? state.zoomNode;
  if (key === "Enter") return state.selected === null ? null : { type: "zoom", node: state.selected };
  const towardsCallees = state.orientation === "flame" ? "ArrowUp" : "ArrowDown";
  const towardsCallers = state.orientation === "flame" ? "ArrowDown" : "ArrowUp";
  if (state.selected === null && key.startsWith("Arrow")) return { type: "select", node: current };
  let next: number;
  switch (key) {
    case towardsCallees:
      next = firstChildOf(graph, current);
      break;
    case towardsCallers:
      next = graph.nodeParent[current]!;
      break;
    case "ArrowLeft":
      next = previousSiblingOf(graph, current);
      break;
    case "ArrowRight":
      next = nextSiblingOf(graph, current);
      break;
    default:
      return null;
  }
  return { type: "select", node: next >= 0 ? next : current };
}

/** In pre-order a node's first child follows it directly, when its subtree has more than itself. */
export function firstChildOf(graph: FlameGraph, node: number): number {
  return graph.subtreeEnd[node]! > node + 1 ? node + 1 : -1;
}

export function nextSiblingOf(graph: FlameGraph, node: number): number {
  const parent = graph.nodeParent[node]!;
  if (parent < 0) return -1;
  const next = graph.subtreeEnd[node]!;
  return next < graph.subtreeEnd[parent]! ? next : -1;
}

export function previousSiblingOf(graph: FlameGraph, node: number): number {
  const parent = graph.nodeParent[node]!;
  if (parent < 0) return -1;
  let previous = -1;
  for (let child = parent + 1; child < node; child = graph.subtreeEnd[child]!) previous = child;
  return previous;
}
