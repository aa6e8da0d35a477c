import { Role } from "@fleetdeck/core";

/** Which console roles each group of the identity provider grants. Group names match exactly (case too). */
export type OidcRoleMap = ReadonlyMap<string, readonly Role[]>;

export type OidcRoleMapParse = { ok: true; roleMap: OidcRoleMap } | { ok: false; problems: string[] };

const example = "sre-oncall=operator,sre-leads=approver+operator";

/**
 * Reads a role map written as `group=role[+role…]` entries separated by commas, e.g.
 * `sre-oncall=operator,sre-leads=approver+operator,platform-admins=admin`. Every problem is
 * reported with the entry it is in, so a typo is found at start-up rather than as a refused sign-in.
 */
export function parseOidcRoleMap(text: string): OidcRoleMapParse {
  const problems: string[] = [];
  const roleMap = new Map<string, Role[]>();
  const firstEntryOf = new Map<string, number>();
  const entries = text.split(",").map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    if (entry === "") return;
    const where = `entry ${index + 1} (${JSON.stringify(entry)})`;
    const equals = entry.indexOf("=");
    if (equals < 0) {
      problems.push(`${where}: expected group=role, e.g. ${example}`);
      return;
    }
    const group = entry.slice(0, equals).trim();
    const roleNames = entry
      .slice(equals + 1)
      .split("+")
      .map((name) => name.trim());
    if (group === "") problems.push(`${where}: the group name before "=" is empty`);
    if (roleNames.every((name) => name === "")) {
      problems.push(`${where}: name at least one role after "=" (${Role.options.join(", ")})`);
      return;
    }
    const roles: Role[] = [];
    for (const name of roleNames) {
      const role = Role.safeParse(name);
      if (role.success) roles.push(role.data);
      else problems.push(`${where}: unknown role ${JSON.stringify(name)} (roles are ${Role.options.join(", ")})`);
    }
    const earlier = firstEntryOf.get(group);
    if (earlier !== undefined) {
      problems.push(
        `${where}: group ${JSON.stringify(group)} is already mapped by entry ${earlier}; list its roles once, joined with "+"`,
      );
      return;
    }
    firstEntryOf.set(group, index + 1);
    roleMap.set(
      group,
      Role.options.filter((role) => roles.includes(role)),
    );
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, roleMap };
}

/** The roles a member of these groups holds: every role any of them grants, in the usual order. */
export function rolesForGroups(roleMap: OidcRoleMap, groups: readonly string[]): Role[] {
  const granted = new Set(groups.flatMap((group) => roleMap.get(group) ?? []));
  return Role.options.filter((role) => granted.has(role));
}

/**
 * The groups named by a claim of the ID token or userinfo: a list of names, or a single name.
 * A name with dots that is not itself a claim is read as a path into nested claims, as providers
 * such as Keycloak nest them (`realm_access.roles`); namespaced claims such as
 * `https://example.com/groups` are found by their full name first. Anything else counts as no group.
 */
export function groupsOfClaims(claims: Readonly<Record<string, unknown>>, claimName: string): string[] {
  const value = claimName in claims ? claims[claimName] : nestedClaim(claims, claimName.split("."));
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === "string");
  return [];
}

function nestedClaim(claims: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = claims;
  for (const key of path) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
