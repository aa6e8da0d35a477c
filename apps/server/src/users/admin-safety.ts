/** An account as the rule needs it: who, and whether it is an enabled admin now. */
export interface AccountState {
  id: string;
  username: string;
  roles: readonly string[];
  disabled: boolean;
}

export interface AccountChangeCheck {
  /** Who asks for the change. */
  actorUserId: string;
  /** The account before the change. */
  target: AccountState;
  /** Its roles and disabled flag after the change. */
  after: { roles: readonly string[]; disabled: boolean };
  /** Every enabled admin now, read while no other change to admins can run. */
  enabledAdminIds: readonly string[];
}

const isEnabledAdmin = (account: { roles: readonly string[]; disabled: boolean }) =>
  !account.disabled && account.roles.includes("admin");

/**
 * Why a change to an account's roles or disabled flag must not be made, or null when it may. The
 * console must always keep an admin who can sign in, or nobody could manage accounts again short
 * of editing the database; and an admin does not lock themself out by a slip of the mouse.
 */
export function adminSafetyProblem({ actorUserId, target, after, enabledAdminIds }: AccountChangeCheck): string | null {
  const self = target.id === actorUserId;
  if (self && after.disabled && !target.disabled) return "You cannot disable your own account";
  if (self && target.roles.includes("admin") && !after.roles.includes("admin")) {
    return "You cannot remove your own admin role; ask another admin";
  }
  const othersLeft = enabledAdminIds.filter((id) => id !== target.id).length;
  if (isEnabledAdmin(target) && !isEnabledAdmin(after) && othersLeft === 0) {
    return `${target.username} is the last enabled admin: make another account admin first`;
  }
  return null;
}
