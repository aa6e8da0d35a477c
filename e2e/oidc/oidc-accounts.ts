import type { TestOidcAccount } from "@fleetdeck/server/testing/oidc-provider";

/** The test identity provider playwright.config.ts starts beside the console, and the console as its client. */
export const oidcProviderPort = Number(process.env.FLEETDECK_E2E_OIDC_PORT ?? 4518);
export const oidcIssuer = `http://127.0.0.1:${oidcProviderPort}`;
export const oidcClient = { clientId: "fleetdeck-e2e", clientSecret: "fleetdeck-e2e-client-secret" } as const;

/** What the sign-in page's button says. */
export const oidcLabel = "Fleetdeck Test IdP";

/** Which roles the console gives each group of the provider (FLEETDECK_OIDC_ROLE_MAP). */
export const oidcRoleMap = "sre-oncall=operator,sre-leads=approver+operator";

/** People at the provider: their passwords are the provider's, the console never sees them. */
export const oidcAccounts = {
  /** On call: the sre-oncall group makes them an operator. */
  onCallSre: {
    username: "morgan-oncall",
    password: "idp-password-morgan",
    name: "Morgan",
    groups: ["sre-oncall", "staff"],
  },
  /** A contractor: no group of theirs is mapped to a role. */
  contractor: { username: "jo-contractor", password: "idp-password-jo", groups: ["contractors", "staff"] },
} satisfies Record<string, TestOidcAccount>;
