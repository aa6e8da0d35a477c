import { describe, expect, it } from "vitest";
import { loadServerConfig } from "../config/config.ts";
import { oidcSettingsOf, requestedScope } from "./oidc-settings.ts";

const configured = {
  FLEETDECK_OIDC_ISSUER: "https://idp.example.com/realms/ops",
  FLEETDECK_OIDC_CLIENT_ID: "fleetdeck",
  FLEETDECK_OIDC_ROLE_MAP: "sre-oncall=operator",
};

describe("single sign-on settings", () => {
  it("are null while single sign-on is off", () => {
    expect(oidcSettingsOf(loadServerConfig({}))).toBeNull();
  });

  it("derive the callback and the return after signing out from the public URL", () => {
    const settings = oidcSettingsOf(
      loadServerConfig({ ...configured, FLEETDECK_PUBLIC_URL: "https://fleetdeck.example.com/" }),
    );
    expect(settings?.redirectUri.href).toBe("https://fleetdeck.example.com/auth/oidc/callback");
    expect(settings?.postLogoutRedirectUri.href).toBe("https://fleetdeck.example.com/login");
    expect(settings?.clientSecret).toBeNull();
    expect(settings?.issuer.href).toBe("https://idp.example.com/realms/ops");
  });

  it("take a redirect URL as it is registered at the provider", () => {
    const settings = oidcSettingsOf(
      loadServerConfig({ ...configured, FLEETDECK_OIDC_REDIRECT_URL: "https://ops.example.com/fd/auth/oidc/callback" }),
    );
    expect(settings?.redirectUri.href).toBe("https://ops.example.com/fd/auth/oidc/callback");
    expect(settings?.postLogoutRedirectUri.href).toBe("https://ops.example.com/login");
  });
});

describe("the scope asked for", () => {
  it("includes groups unless the provider lists its scopes without it", () => {
    expect(requestedScope(undefined)).toBe("openid profile email groups");
    expect(requestedScope(["openid", "profile", "email", "groups", "offline_access"])).toBe(
      "openid profile email groups",
    );
    expect(requestedScope(["openid", "profile", "email"])).toBe("openid profile email");
  });
});
