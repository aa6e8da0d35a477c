import { type InputHTMLAttributes, useId } from "react";

interface InputFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "onChange" | "value"> {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  /** What the server (or the form) says is wrong with this field; shown under it and announced. */
  errors?: readonly string[] | undefined;
  help?: string;
}

/** A labelled input with its help and its errors tied to it (aria-describedby, aria-invalid). */
export function InputField({
  label,
  value,
  onValueChange,
  errors,
  help,
  className,
  type = "text",
  ...input
}: InputFieldProps) {
  const ids = { input: useId(), help: useId(), errors: useId() };
  const hasErrors = (errors?.length ?? 0) > 0;
  const describedBy = [help ? ids.help : null, hasErrors ? ids.errors : null].filter(Boolean).join(" ");
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={ids.input}>{label}</label>
      <input
        {...input}
        type={type}
        id={ids.input}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy || undefined}
      />
      {help ? (
        <span id={ids.help} className="field__help">
          {help}
        </span>
      ) : null}
      {hasErrors ? (
        <ul id={ids.errors} className="field__errors">
          {errors?.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
