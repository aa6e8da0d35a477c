import type { DemoFault, DemoFaultKind } from "../../lib/api-types.ts";

/** The demo fleet's injectable faults, in the words an SRE would use. */
export const faultKindLabels: Record<DemoFaultKind, string> = {
  "memory-leak": "Memory leak",
  "goroutine-leak": "Goroutine leak",
  "allocation-spike": "Allocation spike",
  "memory-limit-too-low": "Memory limit too low",
};

export const faultKinds = Object.keys(faultKindLabels) as DemoFaultKind[];

export function faultKindLabel(kind: string): string {
  return kind in faultKindLabels ? faultKindLabels[kind as DemoFaultKind] : kind;
}

/** Blank means "let the server pick its default"; anything else is sent as typed, for the server to validate. */
export function parseSeverity(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === "" ? undefined : Number(trimmed);
}

/** A fault acts on [startMs, endMs) of demo-fleet time; cleared faults stay in the state with an end. */
export function activeFaults(faults: readonly DemoFault[], nowMs: number): DemoFault[] {
  return faults.filter((fault) => fault.startMs <= nowMs && (fault.endMs === null || nowMs < fault.endMs));
}

/** What a fault is aimed at: its service, or how many instances were picked. */
export function describeFaultTarget(target: DemoFault["target"]): string {
  const instances = target.instanceIds?.length;
  if (target.serviceId && instances) return `${target.serviceId} (${instances} instances)`;
  if (target.serviceId) return target.serviceId;
  return instances === 1 ? "1 instance" : `${instances ?? 0} instances`;
}
