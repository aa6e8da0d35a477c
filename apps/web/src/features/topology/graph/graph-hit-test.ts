import type { GraphLayout } from "./graph-layout.ts";
import type { WorldRect } from "./graph-viewport.ts";

/**
 * The node under a world point, or -1. A box that contains the point wins (the one drawn last,
 * on top, where two overlap); otherwise the nearest box within the slop (in world units), which
 * makes small boxes easy to hit when zoomed far out without taking the click from a neighbour.
 */
export function nodeAt(layout: GraphLayout, worldX: number, worldY: number, slop = 0): number {
  let nearest = -1;
  let nearestDistance = slop;
  for (let node = layout.nodeX.length - 1; node >= 0; node--) {
    const left = layout.nodeX[node]!;
    const top = layout.nodeY[node]!;
    const dx = Math.max(left - worldX, 0, worldX - (left + layout.nodeWidth[node]!));
    const dy = Math.max(top - worldY, 0, worldY - (top + layout.nodeHeight[node]!));
    if (dx === 0 && dy === 0) return node;
    const distance = Math.hypot(dx, dy);
    if (distance <= nearestDistance) {
      nearest = node;
      nearestDistance = distance;
    }
  }
  return nearest;
}

/** The box around the given nodes, or null for none. */
export function boundsOfNodes(layout: GraphLayout, nodes: Iterable<number>): WorldRect | null {
  let rect: WorldRect | null = null;
  for (const node of nodes) {
    const left = layout.nodeX[node]!;
    const top = layout.nodeY[node]!;
    const right = left + layout.nodeWidth[node]!;
    const bottom = top + layout.nodeHeight[node]!;
    rect = rect
      ? {
          left: Math.min(rect.left, left),
          top: Math.min(rect.top, top),
          right: Math.max(rect.right, right),
          bottom: Math.max(rect.bottom, bottom),
        }
      : { left, top, right, bottom };
  }
  return rect;
}
