import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { FormErrorList } from "../../components/FormErrorList.tsx";
import { InputField } from "../../components/InputField.tsx";
import { Panel } from "../../components/Panel.tsx";
import { formErrorsOf } from "../../lib/field-errors.ts";
import { afterPasswordChangePath } from "./password-change-gate.ts";
import { useChangePassword } from "./use-change-password.ts";
import { useSignedInUser } from "./use-session.ts";

const passwordFields = ["currentPassword", "newPassword"] as const;

/**
 * Choosing a new password: from the header's menu at any time, or before anything else when the
 * current one was generated or set by an admin. `redirect` is where the session gate stopped the
 * user; they continue there once the password is changed.
 */
export function ChangePasswordPage({ redirect }: { redirect: string | undefined }) {
  const user = useSignedInUser();
  const navigate = useNavigate();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [confirmationMismatch, setConfirmationMismatch] = useState(false);
  const [changed, setChanged] = useState(false);
  const changePassword = useChangePassword(() => {
    setCurrentPassword("");
    setNewPassword("");
    setConfirmation("");
    if (redirect === undefined) setChanged(true);
    else void navigate({ href: afterPasswordChangePath(redirect), replace: true });
  });
  const errors = formErrorsOf(changePassword.error, passwordFields);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    const mismatch = newPassword !== confirmation;
    setConfirmationMismatch(mismatch);
    if (!mismatch) changePassword.mutate({ currentPassword, newPassword });
  };

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">Change your password</h1>
      </div>
      {user?.mustChangePassword ? (
        <div className="banner banner--warn" role="status">
          <span className="banner__tag banner__tag--warn">Password</span>
          <span>Your password was generated or set by an administrator. Choose your own to continue.</span>
        </div>
      ) : null}
      <Panel title="New password">
        <form className="form account-form" onSubmit={submit} aria-label="Change your password" noValidate>
          <InputField
            label="Current password"
            type="password"
            autoComplete="current-password"
            required
            value={currentPassword}
            onValueChange={setCurrentPassword}
            errors={errors.byField.currentPassword}
          />
          <InputField
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            value={newPassword}
            onValueChange={setNewPassword}
            errors={errors.byField.newPassword}
            help="At least 12 characters, not containing your username. A passphrase of a few words is fine."
          />
          <InputField
            label="Repeat the new password"
            type="password"
            autoComplete="new-password"
            required
            value={confirmation}
            onValueChange={setConfirmation}
            errors={confirmationMismatch ? ["This does not match the new password"] : undefined}
          />
          <FormErrorList action="Changing the password" messages={errors.general} />
          {changed ? (
            <p className="state state--success" role="status">
              Password changed. Any other session of yours was signed out.
            </p>
          ) : null}
          <div>
            <button type="submit" className="button button--primary" disabled={changePassword.isPending}>
              {changePassword.isPending ? "Changing…" : "Change password"}
            </button>
          </div>
        </form>
      </Panel>
    </div>
  );
}
