import type { ServiceGraphEdge, ServiceGraphNode } from "@fleetdeck/core";

/** What edge colour shows: the share of failed calls, or the calls' p99 latency. */
export type EdgeColourBy = "errors" | "latency";

/**
 * Edge colour classes, calm to alarming. The bounds follow common SLOs: under 0.1 % errors is
 * noise, 1 % pages someone, 5 % is an outage; p99 under 100 ms is interactive, over a second is not.
 */
export const edgeColourScales: Record<EdgeColourBy, { upperBounds: readonly number[]; labels: readonly string[] }> = {
  errors: {
    upperBounds: [0.001, 0.01, 0.05],
    labels: ["< 0.1% errors", "0.1–1% errors", "1–5% errors", "≥ 5% errors"],
  },
  latency: {
    upperBounds: [100, 300, 1000],
    labels: ["p99 < 100 ms", "p99 100–300 ms", "p99 300 ms–1 s", "p99 ≥ 1 s"],
  },
};
export const edgeColourClassCount = 4;

export function edgeColourClass(edge: Pick<ServiceGraphEdge, "errorRatio" | "p99LatencyMs">, by: EdgeColourBy): number {
  const value = by === "errors" ? edge.errorRatio : edge.p99LatencyMs;
  const bounds = edgeColourScales[by].upperBounds;
  let colourClass = 0;
  while (colourClass < bounds.length && value >= bounds[colourClass]!) colourClass++;
  return colourClass;
}

/** Line widths in screen pixels, thin to thick. */
export const edgeWidthsPx = [1, 2, 3.5, 5.5] as const;

/**
 * Width by traffic on a log scale relative to the busiest edge: each class is a decade, so an
 * edge carrying a thousandth of the busiest one is still visible and the busiest stand out.
 */
export function edgeWidthClass(rps: number, maxRps: number): number {
  if (!(rps > 0) || !(maxRps > 0)) return 0;
  const decadesBelowMax = Math.log10(maxRps / rps);
  const fromTop = Math.floor(decadesBelowMax);
  return Math.max(0, edgeWidthsPx.length - 1 - Math.max(0, fromTop));
}

/** A node's health from its instances: none known, all healthy, some unhealthy, a quarter or more. */
export type NodeHealth = "unknown" | "healthy" | "degraded" | "unhealthy";
export const nodeHealthOrder: readonly NodeHealth[] = ["unknown", "healthy", "degraded", "unhealthy"];

/** Never hides an unhealthy instance: one is enough to mark the service degraded. */
export function nodeHealthOf(node: Pick<ServiceGraphNode, "instances" | "unhealthyInstances">): NodeHealth {
  if (node.instances === 0) return "unknown";
  if (node.unhealthyInstances === 0) return "healthy";
  return node.unhealthyInstances / node.instances >= 0.25 ? "unhealthy" : "degraded";
}

export const nodeHealthLabels: Record<NodeHealth, string> = {
  unknown: "no instances seen",
  healthy: "all instances healthy",
  degraded: "some instances unhealthy",
  unhealthy: "a quarter or more unhealthy",
};

/** The colours drawing uses, read from the theme's custom properties. */
export interface GraphPalette {
  background: string;
  nodeFill: string;
  externalNodeFill: string;
  nodeText: string;
  nodeTextMuted: string;
  selection: string;
  upstream: string;
  downstream: string;
  health: Record<NodeHealth, string>;
  /** Indexed by edge colour class. */
  edges: readonly string[];
}

/** The custom property behind each palette entry (styles/service-graph.css defines them per theme). */
export function paletteFromStyle(read: (property: string) => string): GraphPalette {
  return {
    background: read("--graph-bg"),
    nodeFill: read("--graph-node"),
    externalNodeFill: read("--graph-node-external"),
    nodeText: read("--graph-text"),
    nodeTextMuted: read("--graph-text-muted"),
    selection: read("--graph-selection"),
    upstream: read("--graph-upstream"),
    downstream: read("--graph-downstream"),
    health: {
      unknown: read("--graph-health-unknown"),
      healthy: read("--graph-health-good"),
      degraded: read("--graph-health-warn"),
      unhealthy: read("--graph-health-bad"),
    },
    edges: [read("--graph-edge-0"), read("--graph-edge-1"), read("--graph-edge-2"), read("--graph-edge-3")],
  };
}
