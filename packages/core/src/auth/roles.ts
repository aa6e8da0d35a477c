import { z } from "zod";

/** What a person may do in the console. A user may hold several roles. */
export const Role = z.enum(["viewer", "operator", "approver", "admin"]);
export type Role = z.infer<typeof Role>;

/**
 * What a procedure needs. Every procedure of the router is classified with exactly one of these
 * (or as public), so a new procedure cannot be reached until someone decides who may call it.
 */
export const Permission = z.enum(["read", "operate", "approve", "administer"]);
export type Permission = z.infer<typeof Permission>;

/**
 * Each role grants reading plus its own power. Admin does not imply approve or operate: the
 * four-eyes rule for config changes must not fold into "the admin can do anything".
 */
const grants: Record<Role, readonly Permission[]> = {
  viewer: ["read"],
  operator: ["read", "operate"],
  approver: ["read", "approve"],
  admin: ["read", "administer"],
};

export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => grants[role].includes(permission));
}

/** The permissions a set of roles grants, for the UI to hide what it cannot do. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return Permission.options.filter((permission) => rolesAllow(roles, permission));
}
