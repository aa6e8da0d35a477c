import { type FormEvent, useState } from "react";
import { FormErrorList } from "../../components/FormErrorList.tsx";
import { InputField } from "../../components/InputField.tsx";
import { formErrorsOf } from "../../lib/field-errors.ts";
import { RoleCheckboxes } from "./RoleCheckboxes.tsx";
import { allRoles, type Role } from "./roles.ts";

export interface NewAccount {
  username: string;
  password: string;
  roles: Role[];
}

interface CreateUserFormProps {
  /** Resolves when the account exists; the form then empties itself for the next one. */
  onCreate: (account: NewAccount) => Promise<unknown>;
  pending: boolean;
  error: unknown;
}

const fields = ["username", "password", "roles"] as const;

/** A new local account: its username, a first password the admin passes on, and its roles. */
export function CreateUserForm({ onCreate, pending, error }: CreateUserFormProps) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [roles, setRoles] = useState<Role[]>(["viewer"]);
  const [created, setCreated] = useState<string | null>(null);
  const errors = formErrorsOf(error, fields);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const account = { username: username.trim(), password, roles };
    onCreate(account).then(
      () => {
        setCreated(account.username);
        setUsername("");
        setPassword("");
        setRoles(["viewer"]);
      },
      // The error is shown from `error`, field by field.
      () => {},
    );
  };

  return (
    <form className="form account-form" onSubmit={submit} aria-label="Create a user" noValidate>
      <div className="form__row">
        <InputField
          label="Username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onValueChange={setUsername}
          errors={errors.byField.username}
          help="Letters, digits, '.', '_' and '-'."
        />
        <InputField
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onValueChange={setPassword}
          errors={errors.byField.password}
          help="At least 12 characters, without the username. Pass it on safely."
        />
      </div>
      <RoleCheckboxes
        legend="Roles"
        choices={allRoles}
        value={roles}
        onChange={setRoles}
        errors={errors.byField.roles}
      />
      <FormErrorList action="Creating the user" messages={errors.general} />
      {created ? (
        <p className="state state--success" role="status">
          Created {created}.
        </p>
      ) : null}
      <div>
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Creating…" : "Create user"}
        </button>
      </div>
    </form>
  );
}
