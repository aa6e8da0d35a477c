/**
 * The OpenID Connect provider for the single sign-on specs, run by playwright.config.ts as a
 * webServer beside the console: the same test provider the server's tests use, with the e2e
 * people and the console (at its e2e address) as its only client.
 */
import { startTestOidcProvider } from "@fleetdeck/server/testing/oidc-provider";
import { oidcAccounts, oidcClient, oidcProviderPort } from "./oidc-accounts.ts";

const consoleUrl = process.env.FLEETDECK_E2E_CONSOLE_URL;
if (!consoleUrl) throw new Error("FLEETDECK_E2E_CONSOLE_URL must name the console the provider sends people back to");

const provider = await startTestOidcProvider({
  port: oidcProviderPort,
  accounts: Object.values(oidcAccounts),
  clients: [
    {
      ...oidcClient,
      redirectUris: [new URL("/auth/oidc/callback", consoleUrl).href],
      postLogoutRedirectUris: [new URL("/login", consoleUrl).href],
    },
  ],
});
console.log(`test identity provider at ${provider.issuer}`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    provider.stop().finally(() => process.exit(0));
  });
}
