import { useId } from "react";
import { type Role, roleDescriptions, toggleRole } from "./roles.ts";

interface RoleCheckboxesProps {
  legend: string;
  /** The roles that may be ticked (e.g. only the caller's own for an API token). */
  choices: readonly Role[];
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  errors?: readonly string[] | undefined;
}

/** One checkbox per role, each saying what the role allows. */
export function RoleCheckboxes({ legend, choices, value, onChange, errors }: RoleCheckboxesProps) {
  const errorsId = useId();
  const hasErrors = (errors?.length ?? 0) > 0;
  return (
    <fieldset className="checkbox-group" aria-describedby={hasErrors ? errorsId : undefined}>
      <legend>{legend}</legend>
      {choices.map((role) => (
        <label key={role} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(role)}
            onChange={(event) => onChange(toggleRole(value, role, event.target.checked))}
          />
          <span className="checkbox__name">{role}</span>
          <span className="checkbox__help">{roleDescriptions[role]}</span>
        </label>
      ))}
      {hasErrors ? (
        <ul id={errorsId} className="field__errors">
          {errors?.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
