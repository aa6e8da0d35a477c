/** How one field of an entity differs between its recorded states. */
export type FieldChange = "added" | "removed" | "changed" | "unchanged";

export interface FieldDiff {
  field: string;
  change: FieldChange;
  /** The value as JSON text, or null when the state lacked the field. */
  before: string | null;
  after: string | null;
}

type State = Record<string, unknown> | null;

/**
 * The fields of an audit entry's before and after states side by side, changed ones first so they
 * are read first, then alphabetically. Values compare as JSON text, so nested objects and arrays
 * count as changed only when their content differs.
 */
export function diffStates(before: State, after: State): FieldDiff[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const diffs = [...fields].map((field): FieldDiff => {
    const beforeText = before && Object.hasOwn(before, field) ? jsonText(before[field]) : null;
    const afterText = after && Object.hasOwn(after, field) ? jsonText(after[field]) : null;
    return { field, change: changeOf(beforeText, afterText), before: beforeText, after: afterText };
  });
  return diffs.sort((a, b) => changeRank(a.change) - changeRank(b.change) || a.field.localeCompare(b.field));
}

function changeOf(before: string | null, after: string | null): FieldChange {
  if (before === null) return "added";
  if (after === null) return "removed";
  return before === after ? "unchanged" : "changed";
}

const changeRank = (change: FieldChange) => (change === "unchanged" ? 1 : 0);

/** JSON with object keys sorted, so that `{a,b}` and `{b,a}` read (and compare) the same. */
function jsonText(value: unknown): string {
  const text = JSON.stringify(value, (_key, nested: unknown) =>
    nested !== null && typeof nested === "object" && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => a.localeCompare(b)))
      : nested,
  );
  return text ?? "null";
}
