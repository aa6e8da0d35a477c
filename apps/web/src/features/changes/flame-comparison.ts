import type { GateComparison } from "./rollout-view.ts";

/** What the pairing needs of a stored profile. */
export interface StoredProfileRef {
  id: string;
  kind: string | null;
  instanceId: string | null;
  capturedAt: string;
}

/** Kinds in the order a GC change is best judged by: CPU first (GC work), then the heap. */
const kindPreference = ["cpu", "heap", "allocs", "goroutine", "mutex", "block"];

export interface FlameComparison {
  baseId: string;
  targetId: string;
  kind: string;
}

/**
 * A baseline and a canary profile of one kind to diff, or null when the stored profiles do not
 * make a pair. The canary profile was captured on a canary instance once the bake began (it ran
 * the new config); the baseline profile on a baseline instance while it still ran the old one
 * (by the end of the baseline window). The newest of each, for the most preferred kind both have.
 */
export function flameComparisonOf(
  profiles: readonly StoredProfileRef[],
  comparison: GateComparison,
): FlameComparison | null {
  const canary = new Set(comparison.canaryIds);
  const baseline = new Set(comparison.baselineIds);
  const at = (profile: StoredProfileRef) => Date.parse(profile.capturedAt);
  const newestFirst = [...profiles].sort((a, b) => at(b) - at(a));
  const canaryProfiles = newestFirst.filter(
    (p) => p.instanceId !== null && canary.has(p.instanceId) && at(p) >= comparison.windowStartMs,
  );
  const baselineProfiles = newestFirst.filter(
    (p) => p.instanceId !== null && baseline.has(p.instanceId) && at(p) <= comparison.baselineWindowEndMs,
  );
  const kinds = [...new Set(canaryProfiles.map((p) => p.kind ?? ""))]
    .filter((kind) => baselineProfiles.some((p) => (p.kind ?? "") === kind))
    .sort((a, b) => rank(a) - rank(b));
  const kind = kinds[0];
  if (kind === undefined) return null;
  const target = canaryProfiles.find((p) => (p.kind ?? "") === kind);
  const base = baselineProfiles.find((p) => (p.kind ?? "") === kind && p.id !== target?.id);
  return target && base ? { baseId: base.id, targetId: target.id, kind: kind || "uploaded" } : null;
}

function rank(kind: string): number {
  const index = kindPreference.indexOf(kind);
  return index === -1 ? kindPreference.length : index;
}
