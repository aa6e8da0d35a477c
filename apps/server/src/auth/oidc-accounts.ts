import type { Role } from "@fleetdeck/core";
import {
  appendAudit,
  createUser,
  type Database,
  findUserById,
  findUserByOidcSubject,
  findUserByUsername,
  linkOidcSubject,
  type OidcSubject,
  type Queryable,
  recordOidcSignIn,
  setUserRoles,
  type User,
} from "@fleetdeck/db";
import type { Clock } from "@fleetdeck/sources";
import type { RequestOrigin } from "../audit/audit-writer.ts";

/** Who the identity provider says signed in, and the roles their groups grant. */
export interface OidcProfile extends OidcSubject {
  preferredUsername: string | null;
  email: string | null;
  name: string | null;
  groups: readonly string[];
  roles: readonly Role[];
}

/** Why a verified provider account still gets no console account. */
export type OidcAccountRefusal = "account-disabled" | "username-taken";

export type OidcAccountResult = { ok: true; user: User } | { ok: false; refusal: OidcAccountRefusal };

/** Usernames are at most this long (the users table's check). */
const usernameMaxLength = 128;

/** Changes made because of a sign-in are Fleetdeck's own, on the provider's word. */
const auditedBySystem = { actor: "fleetdeck", actorKind: "system" as const, entityType: "user" };

/**
 * The console accounts of people who sign in at the identity provider. An account is found by its
 * (issuer, subject) link only, never by username: a provider user called "admin" is not the local
 * admin. Its roles are set from the provider's groups at every sign-in, the provider being the
 * source of truth for them; every change is audited in its transaction.
 */
export class OidcAccounts {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async accountFor(profile: OidcProfile, origin: RequestOrigin): Promise<OidcAccountResult> {
    return this.db.transaction(async (tx) => {
      const nowMs = this.clock.nowMs();
      const linked = await findUserByOidcSubject(tx, profile);
      if (linked === null) return this.createLinkedAccount(tx, profile, origin, nowMs);
      if (linked.disabled) return { ok: false, refusal: "account-disabled" };
      await recordOidcSignIn(tx, profile, nowMs);
      const wanted = [...profile.roles].sort();
      if (sameRoles(linked.roles, wanted)) return { ok: true, user: linked };
      await setUserRoles(tx, linked.id, wanted, nowMs);
      await appendAudit(tx, {
        ...auditedBySystem,
        ...origin,
        action: "user.set-roles",
        entityId: linked.id,
        before: { roles: linked.roles },
        after: { roles: wanted, source: "oidc", groups: [...profile.groups] },
      });
      const updated = await findUserById(tx, linked.id);
      if (updated === null) throw new Error(`user ${linked.id} vanished while its roles were set`);
      return { ok: true, user: updated };
    });
  }

  private async createLinkedAccount(
    tx: Queryable,
    profile: OidcProfile,
    origin: RequestOrigin,
    nowMs: number,
  ): Promise<OidcAccountResult> {
    let username: string | null = null;
    for (const candidate of usernameCandidates(profile)) {
      if ((await findUserByUsername(tx, candidate)) === null) {
        username = candidate;
        break;
      }
    }
    if (username === null) return { ok: false, refusal: "username-taken" };
    const user = await createUser(tx, {
      username,
      displayName: profile.name?.trim() || username,
      passwordHash: null,
      roles: profile.roles,
      atMs: nowMs,
    });
    await linkOidcSubject(tx, { issuer: profile.issuer, subject: profile.subject, userId: user.id, atMs: nowMs });
    await appendAudit(tx, {
      ...auditedBySystem,
      ...origin,
      action: "user.create",
      entityId: user.id,
      after: {
        username: user.username,
        roles: user.roles,
        source: "oidc",
        issuer: profile.issuer,
        subject: profile.subject,
        groups: [...profile.groups],
      },
    });
    return { ok: true, user };
  }
}

/**
 * The provider's name for the person (preferred_username, else email, else subject), and if an
 * account already has it, that name qualified with the provider's host ("alice@idp.example.com").
 * Local usernames cannot contain "@", so the second is taken only by another provider account.
 */
export function usernameCandidates(profile: Pick<OidcProfile, "issuer" | "subject" | "preferredUsername" | "email">) {
  const base = [profile.preferredUsername, profile.email, profile.subject]
    .map((name) => cleanUsername(name ?? ""))
    .find((name) => name !== "");
  if (base === undefined) return [];
  const qualifier = `@${new URL(profile.issuer).host}`;
  const qualified = `${base.slice(0, usernameMaxLength - qualifier.length)}${qualifier}`;
  return qualified === base ? [base] : [base.slice(0, usernameMaxLength), qualified];
}

/** No control characters or surrounding space: the name is shown in the console and the audit log. */
function cleanUsername(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return name.replace(/[\u0000-\u001f\u007f]/g, "").trim();
}

function sameRoles(current: readonly string[], wanted: readonly string[]): boolean {
  return current.length === wanted.length && current.every((role) => wanted.includes(role));
}
