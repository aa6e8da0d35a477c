import { type FormEvent, useId, useState } from "react";
import {
  customRangeProblem,
  formatTimeRange,
  instantOfLocalDateTime,
  localDateTimeInputValue,
  type TimeRange,
  timeRangePresetSpecs,
  timeRangePresets,
} from "../lib/time-range.ts";

interface TimeRangePickerProps {
  value: TimeRange;
  onChange: (range: TimeRange) => void;
  /** A live preset stops refreshing while paused; the charts keep what they show. */
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  /** The instants on screen (the fleet's time), where a new custom range starts from. */
  shownRange: { startMs: number; endMs: number } | null;
}

/**
 * Presets that follow the fleet's now (live, pausable), or a custom from/to. The choice lives in
 * the page's URL; only the custom form's unsaved text is local.
 */
export function TimeRangePicker({ value, onChange, paused, onPausedChange, shownRange }: TimeRangePickerProps) {
  const [editing, setEditing] = useState(false);
  const live = value.kind === "preset";
  return (
    <div className="time-range-picker">
      <div className="time-range-picker__row">
        <fieldset className="segmented">
          <legend className="visually-hidden">Time range</legend>
          {timeRangePresets.map((preset) => (
            <button
              key={preset}
              type="button"
              className="segmented__button"
              aria-pressed={value.kind === "preset" && value.preset === preset}
              title={timeRangePresetSpecs[preset].label}
              onClick={() => {
                setEditing(false);
                onChange({ kind: "preset", preset });
              }}
            >
              {preset}
            </button>
          ))}
          <button
            type="button"
            className="segmented__button"
            aria-pressed={value.kind === "custom"}
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            Custom…
          </button>
        </fieldset>
        {live ? (
          <>
            <span className={`live-badge${paused ? " live-badge--paused" : ""}`}>
              <span className="live-badge__dot" aria-hidden="true" />
              {paused ? "Paused" : "Live"}
            </span>
            <button type="button" className="button button--small" onClick={() => onPausedChange(!paused)}>
              {paused ? "Resume live updates" : "Pause live updates"}
            </button>
          </>
        ) : null}
      </div>
      <p className="time-range-picker__label">{formatTimeRange(value)}</p>
      {editing ? (
        <CustomRangeForm
          initial={value.kind === "custom" ? { startMs: value.fromMs, endMs: value.toMs } : shownRange}
          onApply={(range) => {
            setEditing(false);
            onChange(range);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
    </div>
  );
}

function CustomRangeForm({
  initial,
  onApply,
  onCancel,
}: {
  initial: { startMs: number; endMs: number } | null;
  onApply: (range: TimeRange) => void;
  onCancel: () => void;
}) {
  const ids = { from: useId(), to: useId(), problem: useId() };
  const [from, setFrom] = useState(initial ? localDateTimeInputValue(initial.startMs) : "");
  const [to, setTo] = useState(initial ? localDateTimeInputValue(initial.endMs) : "");
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fromMs = instantOfLocalDateTime(from);
    const toMs = instantOfLocalDateTime(to);
    const found = customRangeProblem(fromMs, toMs);
    if (found !== null || fromMs === null || toMs === null) {
      setProblem(found);
      return;
    }
    onApply({ kind: "custom", fromMs, toMs });
  };

  return (
    <form className="form__row time-range-picker__custom" aria-label="Custom time range" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={ids.from}>From</label>
        <input
          id={ids.from}
          type="datetime-local"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          aria-describedby={problem ? ids.problem : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.to}>To</label>
        <input
          id={ids.to}
          type="datetime-local"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-describedby={problem ? ids.problem : undefined}
        />
      </div>
      <button type="submit" className="button button--primary">
        Apply range
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      {problem ? (
        <p id={ids.problem} role="alert" className="field__error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
