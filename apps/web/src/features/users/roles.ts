import { Role } from "@fleetdeck/core";

export type { Role };

/** Every role, in the order the console lists them. */
export const allRoles: readonly Role[] = Role.options;

/** What each role lets its holder do, in the words of the roles model (admin does not operate). */
export const roleDescriptions: Record<Role, string> = {
  viewer: "read the fleet",
  operator: "read, and change runtime config and faults",
  approver: "read, and approve changes",
  admin: "read, and manage users and tokens",
};

/** The roles among `names` that the console knows, in its order: the server sends role names as strings. */
export function knownRoles(names: readonly string[]): Role[] {
  return allRoles.filter((role) => names.includes(role));
}

/** Adds or removes one role, keeping the console's order. */
export function toggleRole(roles: readonly Role[], role: Role, checked: boolean): Role[] {
  const next = new Set(roles);
  if (checked) next.add(role);
  else next.delete(role);
  return allRoles.filter((candidate) => next.has(candidate));
}
