import type { FlameGraph } from "@fleetdeck/core";
import { formatSampleChange, formatSampleValue, formatShare, formatShareChange } from "../sample-value-format.ts";

const unknownFile = 0xffffffff;

/** What the tooltip and the screen-reader announcement say about one frame. */
export interface FrameFacts {
  name: string;
  file: string | null;
  /** Label and value pairs, in reading order. */
  facts: { label: string; value: string }[];
  /** For "(N smaller frames)": what clicking it does. */
  note: string | null;
}

/** A frame's self and total as a share of the whole profile; for a diff, before, after and the change. */
export function frameFacts(graph: FlameGraph, node: number): FrameFacts {
  const { unit } = graph.sampleType;
  const fileIndex = graph.nodeFile[node]!;
  const share = (value: number) => (graph.profileTotal > 0 ? value / graph.profileTotal : 0);
  const total = graph.nodeTotal[node]!;
  const self = graph.nodeSelf[node]!;
  let facts: FrameFacts["facts"];
  if (graph.kind === "diff" && graph.baseTotal && graph.baseSelf) {
    const before = graph.baseTotal[node]!;
    facts = [
      { label: "Before", value: `${formatSampleValue(before, unit)} (${formatShare(share(before))})` },
      { label: "After", value: `${formatSampleValue(total, unit)} (${formatShare(share(total))})` },
      {
        label: "Change",
        value: `${formatSampleChange(total - before, unit)} (${formatShareChange(share(total - before))} of profile)`,
      },
      {
        label: "Self",
        value: `${formatSampleValue(graph.baseSelf[node]!, unit)} → ${formatSampleValue(self, unit)}`,
      },
    ];
  } else {
    facts = [
      { label: "Total", value: `${formatSampleValue(total, unit)} (${formatShare(share(total))} of profile)` },
      { label: "Self", value: `${formatSampleValue(self, unit)} (${formatShare(share(self))})` },
    ];
  }
  const merged = graph.nodeMerged[node]!;
  return {
    name: graph.strings[graph.nodeName[node]!] ?? "",
    file: fileIndex === unknownFile ? null : (graph.strings[fileIndex] ?? null),
    facts,
    note: merged > 0 ? `${merged} frames too small to draw; click to open them at full detail.` : null,
  };
}

/** One sentence for the live region when the keyboard selects a frame. */
export function frameAnnouncement(graph: FlameGraph, node: number): string {
  const { name, facts } = frameFacts(graph, node);
  return `${name}: ${facts.map((fact) => `${fact.label.toLowerCase()} ${fact.value}`).join(", ")}`;
}
