import type { HealthLens, PlacementGroup, PlacementInstance, PlacementLevel, PlacementTally } from "@fleetdeck/core";
import { formatPercent, formatSeconds } from "../../../lib/format.ts";
import type { MapHit } from "./map-hit-test.ts";

export const levelNames: Record<PlacementLevel | "instance", string> = {
  region: "Region",
  zone: "Zone",
  cluster: "Cluster",
  node: "Node",
  instance: "Instance",
};

export const formatPause = (seconds: number | null) => (seconds === null ? "—" : formatSeconds(seconds));

/** An instance's three GC figures, as the side panel and the table show them. */
export function instanceFigures(instance: PlacementInstance) {
  return {
    pause: formatPause(instance.pauseP99Seconds),
    gcCpu: formatPercent(instance.gcCpuFraction),
    headroom: formatPercent(instance.memoryHeadroomRatio),
  };
}

/** "up", "down", or "up, unhealthy": the words beside the colour. */
export function instanceStatus(instance: PlacementInstance): string {
  if (!instance.up) return "down";
  return instance.healthy ? "up" : "up, unhealthy";
}

/** "12 instances · 3 unhealthy · 1 down" */
export function tallySummary(tally: PlacementTally): string {
  const parts = [`${tally.instances} instance${tally.instances === 1 ? "" : "s"}`];
  if (tally.unhealthy > 0) parts.push(`${tally.unhealthy} unhealthy`);
  if (tally.down > 0) parts.push(`${tally.down} down`);
  return parts.join(" · ");
}

/** The lens's worst figure of a place, as text. */
export function worstFigure(tally: PlacementTally, lens: HealthLens): string | null {
  switch (lens) {
    case "up":
      return null;
    case "pauseP99":
      return `worst pause p99 ${formatPause(tally.worstPauseP99Seconds)}`;
    case "gcCpu":
      return `worst GC CPU ${formatPercent(tally.worstGcCpuFraction)}`;
    case "headroom":
      return `least headroom ${formatPercent(tally.worstHeadroomRatio)}`;
  }
}

/** The lens's figure of an instance, as text. */
function lensFigure(instance: PlacementInstance, lens: HealthLens): string | null {
  const figures = instanceFigures(instance);
  switch (lens) {
    case "up":
      return null;
    case "pauseP99":
      return `pause p99 ${figures.pause}`;
    case "gcCpu":
      return `GC CPU ${figures.gcCpu}`;
    case "headroom":
      return `headroom ${figures.headroom}`;
  }
}

/** The hover tooltip: what is under the pointer, its state, and the lens's figure. */
export function describeHit(hit: MapHit, lens: HealthLens): string[] {
  if (hit.kind === "instance") {
    const { instance } = hit;
    return [
      instance.id,
      `${instance.serviceId} on ${instance.nodeId}`,
      [instanceStatus(instance), lensFigure(instance, lens)].filter(Boolean).join(" · "),
    ];
  }
  const group: PlacementGroup = hit.group;
  const kind = group.clusterKind ? `${levelNames[group.level]} (${group.clusterKind})` : levelNames[group.level];
  const notReady = group.ready === false ? ["not ready"] : [];
  return [
    `${kind}: ${group.name}`,
    [tallySummary(group.tally), ...notReady].join(" · "),
    ...[worstFigure(group.tally, lens)].filter((line): line is string => line !== null && group.tally.instances > 0),
  ];
}
