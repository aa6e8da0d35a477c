import { useId, useState } from "react";
import { FormErrorList } from "../../components/FormErrorList.tsx";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { formErrorsOf } from "../../lib/field-errors.ts";
import { AllApiTokensPanel } from "../api-tokens/AllApiTokensPanel.tsx";
import { usePermission, useSignedInUser } from "../session/use-session.ts";
import { CreateUserForm } from "./CreateUserForm.tsx";
import { DisableConfirmation, EditRolesForm, ResetPasswordForm } from "./ManageUserForms.tsx";
import { type UserAction, UsersTable } from "./UsersTable.tsx";
import { type UserAccount, useUsers } from "./use-users.ts";

interface Selection {
  userId: string;
  action: Exclude<UserAction, "enable">;
}

const actionTitles: Record<Selection["action"], (username: string) => string> = {
  roles: (username) => `Edit roles of ${username}`,
  "reset-password": (username) => `Reset the password of ${username}`,
  disable: (username) => `Disable ${username}`,
};

/** Accounts and API tokens, for admins: who may use the console, with which roles. */
export function UsersPage() {
  const isAdmin = usePermission("administer");
  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">Users</h1>
      </div>
      {isAdmin ? (
        <>
          <ManageUsers />
          <AllApiTokensPanel />
        </>
      ) : (
        <p className="state">Only admins manage users. Ask one to change your roles.</p>
      )}
    </div>
  );
}

function ManageUsers() {
  const accounts = useUsers();
  const currentUserId = useSignedInUser()?.id ?? null;
  const [selection, setSelection] = useState<Selection | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const resetMutations = () => {
    accounts.setRoles.reset();
    accounts.disable.reset();
    accounts.enable.reset();
    accounts.resetPassword.reset();
  };
  const start = (user: UserAccount, action: UserAction) => {
    resetMutations();
    setNotice(null);
    if (action !== "enable") {
      setSelection({ userId: user.id, action });
      return;
    }
    setSelection(null);
    accounts.enable.mutate(
      { userId: user.id, disabled: false },
      { onSuccess: () => setNotice(`Enabled ${user.username}: they can sign in again.`) },
    );
  };
  const finish = (message: string) => {
    setSelection(null);
    setNotice(message);
  };

  return (
    <>
      <Panel title="Accounts">
        <QueryState query={accounts.users} what="the accounts">
          {(users) => {
            const selected = users.find((user) => user.id === selection?.userId);
            return (
              <div className="stack">
                {notice ? (
                  <p className="state state--success" role="status">
                    {notice}
                  </p>
                ) : null}
                <FormErrorList
                  action="Enabling the user"
                  messages={formErrorsOf(accounts.enable.error, [] as const).general}
                />
                <UsersTable users={users} currentUserId={currentUserId} onAction={start} />
                {selection && selected ? (
                  <SelectedAction
                    key={`${selection.userId}:${selection.action}`}
                    user={selected}
                    action={selection.action}
                    accounts={accounts}
                    onDone={finish}
                    onCancel={() => setSelection(null)}
                  />
                ) : null}
              </div>
            );
          }}
        </QueryState>
      </Panel>
      <Panel title="Create a user">
        <CreateUserForm
          onCreate={(account) => accounts.create.mutateAsync(account)}
          pending={accounts.create.isPending}
          error={accounts.create.error}
        />
      </Panel>
    </>
  );
}

interface SelectedActionProps {
  user: UserAccount;
  action: Selection["action"];
  accounts: ReturnType<typeof useUsers>;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** The form for the action chosen in a row, under its own heading below the table. */
function SelectedAction(props: SelectedActionProps) {
  const headingId = useId();
  const title = actionTitles[props.action](props.user.username);
  return (
    <section className="manage-user" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <SelectedActionForm {...props} />
    </section>
  );
}

function SelectedActionForm({ user, action, accounts, onDone, onCancel }: SelectedActionProps) {
  switch (action) {
    case "roles":
      return (
        <EditRolesForm
          user={user}
          onSubmit={async (roles) => {
            await accounts.setRoles.mutateAsync({ userId: user.id, roles });
            onDone(`Saved the roles of ${user.username}: ${roles.join(", ")}.`);
          }}
          onCancel={onCancel}
          pending={accounts.setRoles.isPending}
          error={accounts.setRoles.error}
        />
      );
    case "reset-password":
      return (
        <ResetPasswordForm
          user={user}
          onSubmit={async (password) => {
            await accounts.resetPassword.mutateAsync({ userId: user.id, password });
            onDone(`Reset the password of ${user.username}: they must choose a new one at their next sign-in.`);
          }}
          onCancel={onCancel}
          pending={accounts.resetPassword.isPending}
          error={accounts.resetPassword.error}
        />
      );
    case "disable":
      return (
        <DisableConfirmation
          user={user}
          onSubmit={async () => {
            await accounts.disable.mutateAsync({ userId: user.id, disabled: true });
            onDone(`Disabled ${user.username}: their sessions ended and their API tokens stopped working.`);
          }}
          onCancel={onCancel}
          pending={accounts.disable.isPending}
          error={accounts.disable.error}
        />
      );
  }
}
