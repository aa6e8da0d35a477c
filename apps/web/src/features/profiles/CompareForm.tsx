import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { defaultComparison } from "./default-comparison.ts";
import type { ProfileMeta } from "./use-profiles.ts";

/** Picks a base and a target among the listed profiles and opens their diff. */
export function CompareForm({ profiles }: { profiles: readonly ProfileMeta[] }) {
  const ids = { base: useId(), target: useId() };
  const initial = defaultComparison(profiles);
  const [baseId, setBaseId] = useState(initial.baseId);
  const [targetId, setTargetId] = useState(initial.targetId);
  const base = profiles.find((profile) => profile.id === baseId);
  const target = profiles.find((profile) => profile.id === targetId);
  const problem =
    !base || !target
      ? "Choose two profiles."
      : base.id === target.id
        ? "Choose two different profiles."
        : base.kind !== target.kind
          ? `A ${base.kind ?? "uploaded"} profile and a ${target.kind ?? "uploaded"} profile may not share sample types.`
          : null;

  const option = (profile: ProfileMeta) => (
    <option key={profile.id} value={profile.id}>
      {profile.name} · {profile.kind ?? "uploaded"} · {profile.instanceId ?? "no instance"} ·{" "}
      {formatDateTime(Date.parse(profile.capturedAt))}
    </option>
  );

  return (
    <fieldset className="form compare-form">
      <legend>Compare two profiles</legend>
      <div className="form__row">
        <div className="field field--grow">
          <label htmlFor={ids.base}>Base profile (before)</label>
          <select id={ids.base} value={baseId} onChange={(event) => setBaseId(event.target.value)}>
            {profiles.map(option)}
          </select>
        </div>
        <div className="field field--grow">
          <label htmlFor={ids.target}>Target profile (after)</label>
          <select id={ids.target} value={targetId} onChange={(event) => setTargetId(event.target.value)}>
            {profiles.map(option)}
          </select>
        </div>
        {base && target && base.id !== target.id ? (
          <Link to="/profiles/diff" search={{ base: base.id, target: target.id }} className="button button--primary">
            Compare
          </Link>
        ) : (
          <button type="button" className="button button--primary" disabled>
            Compare
          </button>
        )}
      </div>
      {problem ? <p className="field__help">{problem}</p> : null}
    </fieldset>
  );
}
