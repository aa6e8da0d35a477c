import { type FormEvent, useId, useState } from "react";
import { FormErrorList } from "../../components/FormErrorList.tsx";
import { InputField } from "../../components/InputField.tsx";
import { formErrorsOf } from "../../lib/field-errors.ts";
import { RoleCheckboxes } from "../users/RoleCheckboxes.tsx";
import type { Role } from "../users/roles.ts";
import { tokenLifetimes } from "./token-status.ts";

export interface NewApiTokenRequest {
  name: string;
  roles: Role[];
  expiresInDays?: number;
}

interface CreateApiTokenFormProps {
  /** The caller's own roles: a token never gets more. */
  ownRoles: readonly Role[];
  /** Resolves when the token exists; the form then empties itself. */
  onCreate: (request: NewApiTokenRequest) => Promise<unknown>;
  pending: boolean;
  error: unknown;
}

const fields = ["name", "roles", "expiresInDays"] as const;

export function CreateApiTokenForm({ ownRoles, onCreate, pending, error }: CreateApiTokenFormProps) {
  const lifetimeId = useId();
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<Role[]>(ownRoles.includes("viewer") ? ["viewer"] : []);
  const [lifetimeIndex, setLifetimeIndex] = useState(0);
  const errors = formErrorsOf(error, fields);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const days = tokenLifetimes[lifetimeIndex]?.days ?? null;
    onCreate({ name: name.trim(), roles, ...(days === null ? {} : { expiresInDays: days }) }).then(
      () => setName(""),
      // The error is shown from `error`, field by field.
      () => {},
    );
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Create an API token" noValidate>
      <div className="form__row">
        <InputField
          label="Token name"
          className="field--grow"
          autoComplete="off"
          value={name}
          onValueChange={setName}
          errors={errors.byField.name}
          help="What uses it, e.g. “deploy pipeline”."
        />
        <div className="field">
          <label htmlFor={lifetimeId}>Expires after</label>
          <select
            id={lifetimeId}
            value={lifetimeIndex}
            onChange={(event) => setLifetimeIndex(Number(event.target.value))}
          >
            {tokenLifetimes.map((lifetime, index) => (
              <option key={lifetime.label} value={index}>
                {lifetime.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <RoleCheckboxes
        legend="Token roles (at most your own)"
        choices={ownRoles}
        value={roles}
        onChange={setRoles}
        errors={errors.byField.roles}
      />
      <FormErrorList
        action="Creating the token"
        messages={[...errors.general, ...(errors.byField.expiresInDays ?? [])]}
      />
      <div>
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
}
