import { type Column, DataTable } from "../../components/DataTable.tsx";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { formatDateTime } from "../../lib/format-date-time.ts";
import type { UserAccount } from "./use-users.ts";

/** What an admin can start from a row; the chosen action opens below the table. */
export type UserAction = "roles" | "reset-password" | "disable" | "enable";

interface UsersTableProps {
  users: readonly UserAccount[];
  /** The signed-in admin: they cannot disable themself or reset their own password here. */
  currentUserId: string | null;
  onAction: (user: UserAccount, action: UserAction) => void;
}

export function UsersTable({ users, currentUserId, onAction }: UsersTableProps) {
  const columns: Column<UserAccount>[] = [
    {
      header: "Username",
      rowHeader: true,
      cell: (user) => (user.id === currentUserId ? `${user.username} (you)` : user.username),
    },
    {
      header: "Roles",
      cell: (user) => (
        <ul className="chip-list chip-list--tight" aria-label={`Roles of ${user.username}`}>
          {user.roles.map((role) => (
            <li key={role} className="chip chip--small">
              {role}
            </li>
          ))}
        </ul>
      ),
    },
    { header: "Status", cell: (user) => <AccountStatus user={user} /> },
    { header: "Created", numeric: true, cell: (user) => formatDateTime(user.createdAtMs) },
    { header: "Last sign-in", numeric: true, cell: (user) => formatDateTime(user.lastSignInAtMs) },
    {
      header: "Actions",
      cell: (user) => <RowActions user={user} isSelf={user.id === currentUserId} onAction={onAction} />,
    },
  ];
  return (
    <DataTable label="Users" columns={columns} rows={users} rowKey={(user) => user.id} emptyText="No accounts yet." />
  );
}

function AccountStatus({ user }: { user: UserAccount }) {
  return (
    <span className="cell-with-badge">
      {user.disabled ? <StatusBadge tone="bad">Disabled</StatusBadge> : <StatusBadge tone="good">Active</StatusBadge>}
      {user.mustChangePassword ? <StatusBadge tone="warn">Must change password</StatusBadge> : null}
    </span>
  );
}

function RowActions({
  user,
  isSelf,
  onAction,
}: {
  user: UserAccount;
  isSelf: boolean;
  onAction: (user: UserAccount, action: UserAction) => void;
}) {
  // Named with the username ("Disable riley"), so each row's buttons can be told apart.
  const button = (action: UserAction, label: string, name: string) => (
    <button type="button" className="button button--small" aria-label={name} onClick={() => onAction(user, action)}>
      {label}
    </button>
  );
  return (
    <span className="row-actions">
      {button("roles", "Edit roles", `Edit roles of ${user.username}`)}
      {isSelf ? null : button("reset-password", "Reset password", `Reset password of ${user.username}`)}
      {isSelf
        ? null
        : user.disabled
          ? button("enable", "Enable", `Enable ${user.username}`)
          : button("disable", "Disable", `Disable ${user.username}`)}
    </span>
  );
}
