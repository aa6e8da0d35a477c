import { diffStates, type FieldChange } from "./state-diff.ts";

const changeLabels: Record<FieldChange, string> = {
  added: "added",
  removed: "removed",
  changed: "changed",
  unchanged: "",
};

/** An entity's recorded states side by side, changed fields highlighted and named as such. */
export function StateDiff({
  label,
  before,
  after,
}: {
  label: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}) {
  const fields = diffStates(before, after);
  if (fields.length === 0) return <p className="text-muted">No state was recorded with this entry.</p>;
  return (
    <table className="data-table audit-diff" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
          <th scope="col">
            <span className="visually-hidden">Change</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field.field} className={`audit-diff__row audit-diff__row--${field.change}`}>
            <th scope="row" className="mono">
              {field.field}
            </th>
            <td className="mono audit-diff__value">{field.before ?? "—"}</td>
            <td className="mono audit-diff__value">{field.after ?? "—"}</td>
            <td>
              {field.change === "unchanged" ? null : (
                <span className="badge badge--warn">{changeLabels[field.change]}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
