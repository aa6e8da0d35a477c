import { Role } from "@fleetdeck/core";
import type { User } from "@fleetdeck/db";
import type { AuditContext, RequestOrigin } from "../audit/audit-writer.ts";

/** The role vocabulary is core's (with what each role permits); re-exported for auth code. */
export { Role };

/** Who is calling: a user signed in with a session, or an API token acting for its owner. */
export interface Identity {
  kind: "user" | "token";
  userId: string;
  username: string;
  /** For a token, the token's roles that its owner still holds. */
  roles: Role[];
  /** The session's id (the SHA-256 of its token, safe to log), when signed in with one. */
  sessionId?: string;
  /** The token's id, when acting with one. */
  tokenId?: string;
  /** The user must choose a new password before doing anything else. */
  mustChangePassword: boolean;
  /** False for a user who signs in only through single sign-on (nothing to change here). */
  hasPassword?: boolean;
}

/**
 * Roles as the database holds them, parsed; an unknown name (a role retired in a later version)
 * grants nothing rather than failing the request.
 */
export function rolesOf(names: readonly string[]): Role[] {
  return Role.options.filter((role) => names.includes(role));
}

export function userIdentityOf(user: User, sessionId: string): Identity {
  return {
    kind: "user",
    userId: user.id,
    username: user.username,
    roles: rolesOf(user.roles),
    sessionId,
    mustChangePassword: user.mustChangePassword,
    hasPassword: user.hasPassword,
  };
}

/** The audit row's "who" for a request made with this identity. */
export function auditContextOf(identity: Identity, origin: RequestOrigin): AuditContext {
  return { actor: identity.username, actorKind: identity.kind, ...origin };
}
