import type { ServerConfig } from "../config/config.ts";
import type { OidcRoleMap } from "./oidc-role-map.ts";

/** Where the provider sends the browser back with the authorization code. */
export const oidcCallbackPath = "/auth/oidc/callback";
/** Where the sign-in page's single sign-on link starts the flow. */
export const oidcStartPath = "/auth/oidc/start";

/** Single sign-on as configured, with the addresses worked out. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  /** null: a public client, which proves itself with PKCE alone. */
  clientSecret: string | null;
  redirectUri: URL;
  /** Where the provider sends the browser after signing out there: the console's sign-in page. */
  postLogoutRedirectUri: URL;
  groupsClaim: string;
  roleMap: OidcRoleMap;
  label: string;
}

/** null while single sign-on is off; the config schema has already refused a partial configuration. */
export function oidcSettingsOf(config: ServerConfig): OidcSettings | null {
  const issuer = config.FLEETDECK_OIDC_ISSUER;
  const clientId = config.FLEETDECK_OIDC_CLIENT_ID;
  if (issuer === undefined || clientId === undefined) return null;
  const consoleAddress = config.FLEETDECK_PUBLIC_URL ?? config.FLEETDECK_OIDC_REDIRECT_URL;
  if (consoleAddress === undefined) throw new Error("FLEETDECK_PUBLIC_URL or FLEETDECK_OIDC_REDIRECT_URL must be set");
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret: config.FLEETDECK_OIDC_CLIENT_SECRET ?? null,
    redirectUri: new URL(config.FLEETDECK_OIDC_REDIRECT_URL ?? new URL(oidcCallbackPath, consoleAddress)),
    postLogoutRedirectUri: new URL("/login", consoleAddress),
    groupsClaim: config.FLEETDECK_OIDC_GROUPS_CLAIM,
    roleMap: config.FLEETDECK_OIDC_ROLE_MAP ?? new Map(),
    label: config.FLEETDECK_OIDC_LABEL,
  };
}

/** What the console asks the provider for: the person's id, name, email and groups. */
const wantedScopes = ["openid", "profile", "email", "groups"];

/**
 * The scope to request. "groups" is not a standard scope: a provider that lists the scopes it
 * supports and not that one would refuse the request, so it is asked for only where it may exist
 * (such providers usually send the groups claim under another scope or by client settings).
 */
export function requestedScope(scopesSupported: readonly string[] | undefined): string {
  const standard = new Set(["openid", "profile", "email"]);
  return wantedScopes
    .filter((scope) => standard.has(scope) || scopesSupported === undefined || scopesSupported.includes(scope))
    .join(" ");
}
