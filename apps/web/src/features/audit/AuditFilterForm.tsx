import { type FormEvent, useId, useState } from "react";
import {
  type AuditSearch,
  type AuditTimeRange,
  auditTimeRangeLabels,
  auditTimeRanges,
  epochMsOfLocalDateTime,
  localDateTimeInputValue,
} from "./audit-search.ts";
import type { AuditFacets } from "./use-audit-log.ts";

interface AuditFilterFormProps {
  /** The filters in force (from the URL); the form starts from them. */
  search: AuditSearch;
  facets: AuditFacets | undefined;
  /** Why the suggestions could not be loaded, if they could not. */
  facetsProblem: string | null;
  onApply: (search: AuditSearch) => void;
}

function isTimeRange(value: string): value is AuditTimeRange {
  return (auditTimeRanges as readonly string[]).includes(value);
}

/** "user.create", "session.login" → "session.", "user.": the prefixes that group actions. */
function actionPrefixesOf(actions: readonly string[]): string[] {
  const prefixes = actions.flatMap((action) => (action.includes(".") ? [`${action.split(".")[0]}.`] : []));
  return [...new Set(prefixes)].sort();
}

const textOrUndefined = (text: string) => (text.trim() === "" ? undefined : text.trim());

/**
 * Who, what, which entity and when. Edits apply together on "Apply filters" (or Enter), so that
 * typing does not send a query per keystroke; the fields suggest what the log holds.
 */
export function AuditFilterForm({ search, facets, facetsProblem, onApply }: AuditFilterFormProps) {
  const ids = {
    actor: useId(),
    actors: useId(),
    action: useId(),
    actions: useId(),
    actionHelp: useId(),
    entityType: useId(),
    entityTypes: useId(),
    entityId: useId(),
    range: useId(),
    from: useId(),
    to: useId(),
  };
  const [actor, setActor] = useState(search.actor ?? "");
  const [action, setAction] = useState(search.action ?? "");
  const [entityType, setEntityType] = useState(search.entityType ?? "");
  const [entityId, setEntityId] = useState(search.entityId ?? "");
  const [range, setRange] = useState<AuditTimeRange>(search.range);
  const [from, setFrom] = useState(localDateTimeInputValue(search.from));
  const [to, setTo] = useState(localDateTimeInputValue(search.to));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const custom = range === "custom";
    onApply({
      actor: textOrUndefined(actor),
      action: textOrUndefined(action),
      entityType: textOrUndefined(entityType),
      entityId: textOrUndefined(entityId),
      range,
      from: custom ? epochMsOfLocalDateTime(from) : undefined,
      to: custom ? epochMsOfLocalDateTime(to) : undefined,
    });
  };

  return (
    <form className="form audit-filters" onSubmit={submit} aria-label="Filter the audit log">
      <div className="form__row">
        <div className="field">
          <label htmlFor={ids.actor}>Actor</label>
          <input
            id={ids.actor}
            type="text"
            list={ids.actors}
            value={actor}
            onChange={(e) => setActor(e.target.value)}
          />
          <Suggestions id={ids.actors} values={facets?.actors ?? []} />
        </div>
        <div className="field">
          <label htmlFor={ids.action}>Action</label>
          <input
            id={ids.action}
            type="text"
            list={ids.actions}
            value={action}
            aria-describedby={ids.actionHelp}
            onChange={(e) => setAction(e.target.value)}
          />
          <Suggestions
            id={ids.actions}
            values={[...actionPrefixesOf(facets?.actions ?? []), ...(facets?.actions ?? [])]}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.entityType}>Entity type</label>
          <input
            id={ids.entityType}
            type="text"
            list={ids.entityTypes}
            value={entityType}
            onChange={(e) => setEntityType(e.target.value)}
          />
          <Suggestions id={ids.entityTypes} values={facets?.entityTypes ?? []} />
        </div>
        <div className="field">
          <label htmlFor={ids.entityId}>Entity id</label>
          <input id={ids.entityId} type="text" value={entityId} onChange={(e) => setEntityId(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.range}>Time</label>
          <select
            id={ids.range}
            value={range}
            onChange={(e) => {
              if (isTimeRange(e.target.value)) setRange(e.target.value);
            }}
          >
            {auditTimeRanges.map((option) => (
              <option key={option} value={option}>
                {auditTimeRangeLabels[option]}
              </option>
            ))}
          </select>
        </div>
        {range === "custom" ? (
          <>
            <div className="field">
              <label htmlFor={ids.from}>From</label>
              <input id={ids.from} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={ids.to}>To</label>
              <input id={ids.to} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
            </div>
          </>
        ) : null}
        <button type="submit" className="button button--primary">
          Apply filters
        </button>
      </div>
      <p id={ids.actionHelp} className="field__help">
        Action matches by its start: “user.” finds user.create and user.disable.
      </p>
      {facetsProblem ? <p className="field__help">Could not load suggestions: {facetsProblem}</p> : null}
    </form>
  );
}

function Suggestions({ id, values }: { id: string; values: readonly string[] }) {
  return (
    <datalist id={id}>
      {values.map((value) => (
        <option key={value} value={value} />
      ))}
    </datalist>
  );
}
