import type { SampleType } from "@fleetdeck/core";
import { type FormEvent, type RefObject, useId, useState } from "react";
import { InputField } from "../../components/InputField.tsx";
import { parsePattern } from "./flame/flame-search.ts";

interface FlameControlsProps {
  /** In the switch's order, the default first. */
  sampleTypes: readonly SampleType[];
  sampleType: string;
  onSampleTypeChange: (type: string) => void;
  /** Absent where the view has no inverted mode (diffs). */
  inverted?: boolean;
  onInvertedChange?: (inverted: boolean) => void;
  search: string;
  onSearchChange: (search: string) => void;
  searchInputRef: RefObject<HTMLInputElement | null>;
  focus: string;
  hide: string;
  /** Focus and hide re-cut the tree on the server, so they apply on submit, not per keystroke. */
  onFiltersChange: (filters: { focus: string; hide: string }) => void;
}

/** Sample type, inverted mode, search, and the focus/hide filters above a flame graph. */
export function FlameControls(props: FlameControlsProps) {
  const sampleTypeId = useId();
  const search = props.search === "" ? null : parsePattern(props.search, "search");
  return (
    <div className="flame-controls">
      <div className="form__row">
        <div className="field">
          <label htmlFor={sampleTypeId}>Sample type</label>
          <select
            id={sampleTypeId}
            value={props.sampleType}
            onChange={(event) => props.onSampleTypeChange(event.target.value)}
          >
            {props.sampleTypes.map((sampleType, index) => (
              <option key={sampleType.type} value={sampleType.type}>
                {sampleType.type} ({sampleType.unit}){index === 0 ? ", default" : ""}
              </option>
            ))}
          </select>
        </div>
        {props.inverted !== undefined && props.onInvertedChange ? (
          <label className="radio flame-controls__toggle">
            <input
              type="checkbox"
              checked={props.inverted}
              onChange={(event) => props.onInvertedChange?.(event.target.checked)}
            />
            Inverted (callers of where time is spent, as an icicle)
          </label>
        ) : null}
        <SearchField {...props} errors={search && !search.ok ? [search.error] : undefined} />
      </div>
      <FilterForm key={`${props.focus}\u0000${props.hide}`} {...props} />
    </div>
  );
}

function SearchField(props: FlameControlsProps & { errors: string[] | undefined }) {
  const ids = { input: useId(), errors: useId() };
  return (
    <div className="field field--grow">
      <label htmlFor={ids.input}>Search functions (regex)</label>
      <input
        ref={props.searchInputRef}
        id={ids.input}
        type="search"
        className="flame-controls__search"
        value={props.search}
        placeholder="e.g. mallocgc|gcBgMarkWorker"
        onChange={(event) => props.onSearchChange(event.target.value)}
        aria-invalid={props.errors ? true : undefined}
        aria-describedby={props.errors ? ids.errors : undefined}
      />
      {props.errors ? (
        <ul id={ids.errors} className="field__errors" role="alert">
          {props.errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Focus keeps only stacks through a matching frame; hide drops matching frames from every stack. */
function FilterForm(props: FlameControlsProps) {
  const [focus, setFocus] = useState(props.focus);
  const [hide, setHide] = useState(props.hide);
  const focusPattern = focus === "" ? null : parsePattern(focus, "focus pattern");
  const hidePattern = hide === "" ? null : parsePattern(hide, "hide pattern");
  const invalid = (focusPattern !== null && !focusPattern.ok) || (hidePattern !== null && !hidePattern.ok);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!invalid) props.onFiltersChange({ focus, hide });
  };
  const changed = focus !== props.focus || hide !== props.hide;
  return (
    <form className="form__row flame-controls__filters" onSubmit={onSubmit} aria-label="Focus and hide">
      <InputField
        label="Focus (regex)"
        value={focus}
        onValueChange={setFocus}
        className="field--grow"
        placeholder="only stacks through these frames"
        errors={focusPattern && !focusPattern.ok ? [focusPattern.error] : undefined}
      />
      <InputField
        label="Hide (regex)"
        value={hide}
        onValueChange={setHide}
        className="field--grow"
        placeholder="drop these frames"
        errors={hidePattern && !hidePattern.ok ? [hidePattern.error] : undefined}
      />
      <button type="submit" className="button" disabled={invalid || !changed}>
        Apply filters
      </button>
      {props.focus !== "" || props.hide !== "" ? (
        <button type="button" className="button" onClick={() => props.onFiltersChange({ focus: "", hide: "" })}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
