import type { ServiceGraphNode } from "@fleetdeck/core";

/** A node's first line: the service, and for an external node the region it runs in. */
export function nodeTitle(node: Pick<ServiceGraphNode, "name" | "regionIds" | "external">): string {
  return node.external ? `${node.name} · ${node.regionIds.join(", ")}` : node.name;
}

/** A node's second line, short enough for its box: how many instances, or how many are unhealthy. */
export function nodeCaption(node: Pick<ServiceGraphNode, "instances" | "unhealthyInstances">): string {
  if (node.instances === 0) return "no instances seen";
  if (node.unhealthyInstances > 0) return `${node.unhealthyInstances} of ${node.instances} unhealthy`;
  return `${node.instances} ${node.instances === 1 ? "instance" : "instances"}`;
}
