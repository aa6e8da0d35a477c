import * as client from "openid-client";
import type { OidcSettings } from "./oidc-settings.ts";

/** The identity provider could not be reached, or did not answer as one. */
export class OidcProviderUnavailableError extends Error {}

/** Seconds to wait for the provider: a sign-in click should fail soon with a reason rather than hang. */
const providerTimeoutSeconds = 10;

/**
 * The provider's metadata and the client's settings, discovered at the first sign-in rather than at
 * start-up, so that a provider that is down does not keep the console (and password sign-in) from
 * starting. A failed discovery is not kept: the next sign-in tries again.
 */
export class OidcDiscovery {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(private readonly settings: OidcSettings) {}

  configuration(): Promise<client.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = null;
      const reason = error instanceof Error ? (causeMessage(error) ?? error.message) : String(error);
      throw new OidcProviderUnavailableError(
        `the identity provider ${this.settings.issuer.href} could not be discovered: ${reason}`,
      );
    });
    return this.discovered;
  }

  private discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    // RFC 6749 §2.3.1: every provider must accept a secret in the Basic header.
    const authentication = clientSecret === null ? client.None() : client.ClientSecretBasic(clientSecret);
    return client.discovery(issuer, clientId, undefined, authentication, {
      timeout: providerTimeoutSeconds,
      // The config accepts plain http only for a provider on the loopback interface.
      execute: issuer.protocol === "http:" ? [client.allowInsecureRequests] : [],
    });
  }
}

/** fetch() reports "fetch failed" and puts the reason (ECONNREFUSED, a DNS error) in its cause. */
function causeMessage(error: Error): string | null {
  const { cause } = error;
  if (cause instanceof Error) return causeMessage(cause) ?? `${error.message}: ${cause.message}`;
  return null;
}
