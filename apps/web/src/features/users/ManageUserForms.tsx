import { type FormEvent, useState } from "react";
import { FormErrorList } from "../../components/FormErrorList.tsx";
import { InputField } from "../../components/InputField.tsx";
import { formErrorsOf } from "../../lib/field-errors.ts";
import { RoleCheckboxes } from "./RoleCheckboxes.tsx";
import { allRoles, knownRoles, type Role } from "./roles.ts";
import type { UserAccount } from "./use-users.ts";

interface ChangeFormProps<Change> {
  user: UserAccount;
  /** Resolves once the server made the change; the caller then closes the form. */
  onSubmit: (change: Change) => Promise<unknown>;
  onCancel: () => void;
  pending: boolean;
  error: unknown;
}

/** Errors are shown from `error`; the promise's rejection needs no other handling. */
const ignoreRejection = () => {};

export function EditRolesForm({ user, onSubmit, onCancel, pending, error }: ChangeFormProps<Role[]>) {
  const [roles, setRoles] = useState<Role[]>(knownRoles(user.roles));
  const errors = formErrorsOf(error, ["roles"] as const);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(roles).catch(ignoreRejection);
  };
  return (
    <form className="form" onSubmit={submit} aria-label={`Roles of ${user.username}`}>
      <p className="panel__note">Open sessions and API tokens of {user.username} follow the new roles at once.</p>
      <RoleCheckboxes
        legend="Roles"
        choices={allRoles}
        value={roles}
        onChange={setRoles}
        errors={errors.byField.roles}
      />
      <FormErrorList action="Changing the roles" messages={errors.general} />
      <div className="form__row">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Saving…" : "Save roles"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ResetPasswordForm({ user, onSubmit, onCancel, pending, error }: ChangeFormProps<string>) {
  const [password, setPassword] = useState("");
  const errors = formErrorsOf(error, ["password"] as const);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(password).catch(ignoreRejection);
  };
  return (
    <form className="form" onSubmit={submit} aria-label={`Reset the password of ${user.username}`} noValidate>
      <p className="panel__note">
        {user.username} is signed out everywhere and must choose a new password after signing in with this one.
      </p>
      <InputField
        label="Temporary password"
        type="password"
        autoComplete="new-password"
        value={password}
        onValueChange={setPassword}
        errors={errors.byField.password}
        help="At least 12 characters, without the username. Pass it on safely."
      />
      <FormErrorList action="Resetting the password" messages={errors.general} />
      <div className="form__row">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Resetting…" : "Reset password"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Disabling is asked twice: it signs the person out at once and stops their tokens. */
export function DisableConfirmation({ user, onSubmit, onCancel, pending, error }: ChangeFormProps<undefined>) {
  const errors = formErrorsOf(error, [] as const);
  return (
    <div className="form">
      <p>
        Disable <strong>{user.username}</strong>? Their sessions end now, their API tokens stop working, and they cannot
        sign in until an admin enables the account again.
      </p>
      <FormErrorList action="Disabling the user" messages={errors.general} />
      <div className="form__row">
        <button
          type="button"
          className="button button--danger"
          disabled={pending}
          onClick={() => onSubmit(undefined).catch(ignoreRejection)}
        >
          {pending ? "Disabling…" : `Yes, disable ${user.username}`}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
