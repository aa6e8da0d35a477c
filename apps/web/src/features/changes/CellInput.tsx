import { useId } from "react";

interface CellInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: readonly string[] | undefined;
  disabled?: boolean;
  suffix?: string;
  wide?: boolean;
  /** Show the label above the input (outside tables, where no header names the column). */
  visibleLabel?: boolean;
}

/** A compact input for a table cell: labelled for screen readers and tests, its errors right under it. */
export function CellInput({ label, value, onChange, errors, disabled, suffix, wide, visibleLabel }: CellInputProps) {
  const ids = { input: useId(), errors: useId() };
  const invalid = (errors?.length ?? 0) > 0;
  return (
    <span className="cell-input">
      {visibleLabel ? <label htmlFor={ids.input}>{label}</label> : null}
      <span className="cell-input__row">
        <input
          id={ids.input}
          type="text"
          className={wide ? "cell-input__wide" : "cell-input__narrow"}
          aria-label={visibleLabel ? undefined : label}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? ids.errors : undefined}
        />
        {suffix ? <span className="text-muted">{suffix}</span> : null}
      </span>
      {invalid ? (
        <ul id={ids.errors} className="field__errors">
          {errors?.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </span>
  );
}
