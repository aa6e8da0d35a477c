/** The least a profile needs for the compare form's first guess. */
interface ComparableProfile {
  id: string;
  kind: string | null;
  instanceId: string | null;
}

/**
 * The comparison the form proposes first, from a newest-first list: the newest profile as the
 * target, and as the base the next older one of the same kind (same instance if there is one), since
 * only profiles of one kind share sample types.
 */
export function defaultComparison(profiles: readonly ComparableProfile[]): { baseId: string; targetId: string } {
  const target = profiles[0];
  if (!target) return { baseId: "", targetId: "" };
  const older = profiles.slice(1);
  const base =
    older.find((p) => p.kind === target.kind && p.instanceId === target.instanceId) ??
    older.find((p) => p.kind === target.kind) ??
    older[0];
  return { baseId: base?.id ?? "", targetId: target.id };
}
