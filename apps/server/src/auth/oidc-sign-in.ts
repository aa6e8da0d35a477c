import { defaultAfterLoginPath, safeRedirectPath } from "@fleetdeck/core";
import {
  appendAudit,
  type Database,
  findOidcSessionToken,
  insertOidcLoginAttempt,
  insertOidcSessionToken,
  type JsonObject,
  takeOidcLoginAttempt,
} from "@fleetdeck/db";
import type { Clock } from "@fleetdeck/sources";
import * as client from "openid-client";
import type { RequestOrigin } from "../audit/audit-writer.ts";
import type { OidcAccountRefusal, OidcAccounts } from "./oidc-accounts.ts";
import { type OidcDiscovery, OidcProviderUnavailableError } from "./oidc-discovery.ts";
import { groupsOfClaims, rolesForGroups } from "./oidc-role-map.ts";
import { type OidcSettings, requestedScope } from "./oidc-settings.ts";
import type { LoginResult, SessionService } from "./session-service.ts";
import { generateSessionToken, hashToken } from "./tokens.ts";

/** How long a sign-in may take at the provider before the console forgets it was started. */
export const oidcAttemptLifetimeMs = 10 * 60_000;

/**
 * Why a callback opened no session. Each is the audit row's outcome and the sign-in page's
 * `?error=`, which the page turns into words.
 */
export type OidcRefusal =
  /** No sign-in under way in this browser: too slow, already finished, or started in another browser. */
  | "attempt-expired"
  /** The callback's state is not the one sent: a forged or tampered callback. */
  | "state-mismatch"
  /** The provider answered with an error (the person cancelled, or the provider refused). */
  | "provider-error"
  | "provider-unavailable"
  /** The code exchange or the ID token's checks (signature, nonce, PKCE, audience) failed. */
  | "token-rejected"
  /** Signed in at the provider, but no group of theirs is given a role. */
  | "no-role"
  | OidcAccountRefusal;

export type OidcCallbackResult =
  | { ok: true; signedIn: LoginResult; redirectPath: string }
  | { ok: false; refusal: OidcRefusal; redirectPath: string };

export interface OidcCallback extends RequestOrigin {
  /** The callback's query string, as the provider sent it. */
  query: URLSearchParams;
  /** The value of the browser's sign-in cookie, if it sent one. */
  attemptToken: string | null;
  ip: string;
  userAgent: string | null;
}

/** Longest provider-sent text kept in the audit log. */
const auditTextMaxLength = 200;

/**
 * Single sign-on with OpenID Connect, authorization code flow with PKCE: starts a sign-in,
 * finishes it at the callback (state, nonce, PKCE and the ID token checked by openid-client), turns
 * the person's groups into roles and opens a session like a password sign-in. Every callback,
 * refused or not, leaves a `session.login` audit row with method "oidc".
 */
export class OidcSignIn {
  constructor(
    readonly settings: OidcSettings,
    private readonly deps: {
      db: Database;
      clock: Clock;
      discovery: OidcDiscovery;
      accounts: OidcAccounts;
      sessions: SessionService;
    },
  ) {}

  /**
   * Remembers a new sign-in (by the hash of the returned token, which goes in the browser's cookie)
   * and returns the provider's authorization URL to send the browser to. Throws
   * OidcProviderUnavailableError when the provider cannot be discovered.
   */
  async begin(requestedPath: unknown): Promise<{ authorizationUrl: URL; attemptToken: string }> {
    const configuration = await this.deps.discovery.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const attemptToken = generateSessionToken();
    const nowMs = this.deps.clock.nowMs();
    await insertOidcLoginAttempt(this.deps.db, {
      idHash: hashToken(attemptToken),
      state,
      nonce,
      codeVerifier,
      redirectPath: safeRedirectPath(requestedPath),
      createdAtMs: nowMs,
      expiresAtMs: nowMs + oidcAttemptLifetimeMs,
    });
    const authorizationUrl = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri.href,
      response_type: "code",
      scope: requestedScope(configuration.serverMetadata().scopes_supported),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    return { authorizationUrl, attemptToken };
  }

  /** Finishes the sign-in the provider sent the browser back from. */
  async complete(callback: OidcCallback): Promise<OidcCallbackResult> {
    const { db, clock, discovery } = this.deps;
    const attempt = callback.attemptToken
      ? await takeOidcLoginAttempt(db, hashToken(callback.attemptToken), clock.nowMs())
      : null;
    if (attempt === null) return this.refuse(callback, "attempt-expired", defaultAfterLoginPath);
    const { redirectPath } = attempt;
    const refuse = (refusal: OidcRefusal, details: JsonObject = {}) =>
      this.refuse(callback, refusal, redirectPath, details);

    if (callback.query.get("state") !== attempt.state) return refuse("state-mismatch");
    const providerError = callback.query.get("error");
    if (providerError !== null) {
      return refuse("provider-error", {
        error: providerError.slice(0, auditTextMaxLength),
        errorDescription: callback.query.get("error_description")?.slice(0, auditTextMaxLength) ?? null,
      });
    }

    let configuration: client.Configuration;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      configuration = await discovery.configuration();
      const callbackUrl = new URL(this.settings.redirectUri);
      callbackUrl.search = callback.query.toString();
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      return refuse(isUnreachable(error) ? "provider-unavailable" : "token-rejected", { reason: reasonOf(error) });
    }
    const idTokenClaims = tokens.claims();
    if (idTokenClaims === undefined || tokens.id_token === undefined) {
      return refuse("token-rejected", { reason: "no ID token" });
    }

    let claims: Record<string, unknown> = idTokenClaims;
    if (configuration.serverMetadata().userinfo_endpoint !== undefined) {
      try {
        const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idTokenClaims.sub);
        // The ID token's claims are signed: where both say something, it wins.
        claims = { ...userinfo, ...idTokenClaims };
      } catch (error) {
        return refuse(isUnreachable(error) ? "provider-unavailable" : "token-rejected", {
          reason: `userinfo: ${reasonOf(error)}`,
        });
      }
    }

    const groups = groupsOfClaims(claims, this.settings.groupsClaim);
    const profile = {
      issuer: idTokenClaims.iss,
      subject: idTokenClaims.sub,
      preferredUsername: stringClaim(claims.preferred_username),
      email: stringClaim(claims.email),
      name: stringClaim(claims.name),
      groups,
      roles: rolesForGroups(this.settings.roleMap, groups),
    };
    const known = { issuer: profile.issuer, subject: profile.subject, groups };
    const actor = profile.preferredUsername ?? profile.email ?? profile.subject;
    if (profile.roles.length === 0) return this.refuse(callback, "no-role", redirectPath, known, actor);

    const account = await this.deps.accounts.accountFor(profile, { ip: callback.ip, requestId: callback.requestId });
    if (!account.ok) return this.refuse(callback, account.refusal, redirectPath, known, actor);

    const idToken = tokens.id_token;
    const signedIn = await this.deps.sessions.openSession(account.user, {
      method: "oidc",
      ip: callback.ip,
      userAgent: callback.userAgent,
      requestId: callback.requestId,
      alongside: (tx, session) =>
        insertOidcSessionToken(tx, { sessionIdHash: session.idHash, issuer: profile.issuer, idToken }),
    });
    return { ok: true, signedIn, redirectPath };
  }

  /**
   * Where to send the browser to sign out at the provider too (RP-initiated logout, with the
   * session's ID token as the hint and the console's sign-in page to come back to), or null when
   * the session was not opened with single sign-on or the provider offers no end-session endpoint.
   */
  async endSessionUrl(sessionToken: string): Promise<string | null> {
    const stored = await findOidcSessionToken(this.deps.db, hashToken(sessionToken));
    if (stored === null) return null;
    const configuration = await this.deps.discovery.configuration().catch(() => null);
    if (configuration?.serverMetadata().end_session_endpoint === undefined) return null;
    return client.buildEndSessionUrl(configuration, {
      id_token_hint: stored.idToken,
      post_logout_redirect_uri: this.settings.postLogoutRedirectUri.href,
      client_id: this.settings.clientId,
    }).href;
  }

  private async refuse(
    callback: OidcCallback,
    refusal: OidcRefusal,
    redirectPath: string,
    details: JsonObject = {},
    actor = "anonymous",
  ): Promise<OidcCallbackResult> {
    await appendAudit(this.deps.db, {
      actor: actor.slice(0, 128),
      actorKind: "anonymous",
      action: "session.login",
      entityType: "session",
      ip: callback.ip,
      requestId: callback.requestId,
      after: { method: "oidc", ...details },
      outcome: refusal,
    });
    return { ok: false, refusal, redirectPath };
  }
}

function stringClaim(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** A network failure or timeout, as opposed to an answer the checks refused. */
function isUnreachable(error: unknown): boolean {
  if (error instanceof OidcProviderUnavailableError || error instanceof TypeError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === "OAUTH_TIMEOUT" || code === "OAUTH_ABORT";
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, auditTextMaxLength);
}
