import { type Role, rolesAllow } from "@fleetdeck/core";
import type { AuditEntry, JsonObject } from "@fleetdeck/db";

/**
 * Who may see where a request came from. Everyone who may read the console may read the audit log
 * (four-eyes needs the approver, and the team, to see who did what), but an address and a browser
 * say where a colleague works from and on what: personal data that only administrators need, to
 * investigate an incident.
 */
export function canSeeRequestOrigins(roles: readonly Role[]): boolean {
  return rolesAllow(roles, "administer");
}

/** Keys of an entity's recorded state that describe a request's origin (e.g. a session's). */
const originKeys = new Set(["ip", "userAgent"]);

/** What non-admins see as the actor of a refused sign-in. */
export const hiddenAnonymousActor = "(not signed in)";

/**
 * The entry as a viewer may see it: without the IP and user agents unless they may see origins,
 * and without the name typed into a refused sign-in (people do type passwords there).
 */
export function auditEntryAsSeenBy(entry: AuditEntry, seesRequestOrigins: boolean): AuditEntry {
  if (seesRequestOrigins) return entry;
  return {
    ...entry,
    actor: entry.actorKind === "anonymous" ? hiddenAnonymousActor : entry.actor,
    ip: null,
    before: withoutOriginKeys(entry.before),
    after: withoutOriginKeys(entry.after),
  };
}

function withoutOriginKeys(state: JsonObject | null): JsonObject | null {
  if (state === null) return null;
  return Object.fromEntries(Object.entries(state).filter(([key]) => !originKeys.has(key)));
}
