import { describe, expect, it } from "vitest";
import { ConfigError, loadServerConfig } from "./config.ts";

describe("loadServerConfig", () => {
  it("applies defaults", () => {
    const config = loadServerConfig({});
    expect(config).toMatchObject({ FLEETDECK_PORT: 4000, FLEETDECK_HOST: "127.0.0.1", FLEETDECK_DATA_DIR: "./data" });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("lets flags win over the environment", () => {
    expect(loadServerConfig({ FLEETDECK_PORT: "5000" }, { FLEETDECK_PORT: "6000" }).FLEETDECK_PORT).toBe(6000);
  });

  it("names every wrong variable and its value", () => {
    const load = () => loadServerConfig({ FLEETDECK_PORT: "eighty", FLEETDECK_LOG_LEVEL: "loud" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/FLEETDECK_PORT="eighty"/);
    expect(load).toThrow(/FLEETDECK_LOG_LEVEL="loud"/);
  });

  it("names a bad DATABASE_URL without echoing it (it may hold a password)", () => {
    const load = () => loadServerConfig({ DATABASE_URL: "mysql://root:hunter2@db/x" });
    expect(load).toThrow(/DATABASE_URL: must be a postgres/);
    expect(load).not.toThrow(/hunter2/);
  });

  it("caps the demo fleet at 10,000 instances", () => {
    expect(() => loadServerConfig({ FLEETDECK_DEMO_INSTANCES: "20000" })).toThrow(/FLEETDECK_DEMO_INSTANCES/);
  });
});

describe("single sign-on settings", () => {
  const complete = {
    FLEETDECK_OIDC_ISSUER: "https://idp.example.com/realms/ops",
    FLEETDECK_OIDC_CLIENT_ID: "fleetdeck",
    FLEETDECK_PUBLIC_URL: "https://fleetdeck.example.com",
    FLEETDECK_OIDC_ROLE_MAP: "sre-oncall=operator,sre-leads=approver+operator,platform-admins=admin",
  };

  it("is off unless configured, with defaults for the claim and the button", () => {
    const config = loadServerConfig({});
    expect(config.FLEETDECK_OIDC_ISSUER).toBeUndefined();
    expect(config.FLEETDECK_OIDC_GROUPS_CLAIM).toBe("groups");
    expect(config.FLEETDECK_OIDC_LABEL).toBe("Single sign-on");
  });

  it("reads the role map into group → roles", () => {
    const config = loadServerConfig({ ...complete, FLEETDECK_OIDC_LABEL: "Okta" });
    expect(Object.fromEntries(config.FLEETDECK_OIDC_ROLE_MAP ?? [])).toEqual({
      "sre-oncall": ["operator"],
      "sre-leads": ["operator", "approver"],
      "platform-admins": ["admin"],
    });
    expect(config.FLEETDECK_OIDC_LABEL).toBe("Okta");
    expect(config.FLEETDECK_OIDC_CLIENT_SECRET).toBeUndefined();
  });

  it("refuses a bad role map at start-up, naming the variable and the entry", () => {
    const load = () => loadServerConfig({ ...complete, FLEETDECK_OIDC_ROLE_MAP: "sre-oncall=operator,leads=boss" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /FLEETDECK_OIDC_ROLE_MAP="sre-oncall=operator,leads=boss": entry 2 \("leads=boss"\): unknown role "boss"/,
    );
  });

  it("names what is missing from a partial configuration", () => {
    const load = () => loadServerConfig({ FLEETDECK_OIDC_CLIENT_ID: "fleetdeck" });
    expect(load).toThrow(/FLEETDECK_OIDC_ISSUER: required for single sign-on, since FLEETDECK_OIDC_CLIENT_ID is set/);
    expect(load).toThrow(/FLEETDECK_PUBLIC_URL: required for single sign-on/);
    expect(load).toThrow(/FLEETDECK_OIDC_ROLE_MAP: required for single sign-on.*map at least one group/);
    expect(load).not.toThrow(/FLEETDECK_OIDC_CLIENT_ID:/);

    const { FLEETDECK_OIDC_CLIENT_ID: _, ...withoutClientId } = complete;
    expect(() => loadServerConfig(withoutClientId)).toThrow(/FLEETDECK_OIDC_CLIENT_ID: required for single sign-on/);
    expect(() => loadServerConfig({ ...complete, FLEETDECK_OIDC_ROLE_MAP: " , " })).toThrow(
      /FLEETDECK_OIDC_ROLE_MAP=" , ": lists no group: map at least one group/,
    );
  });

  it("accepts a redirect URL instead of the public URL", () => {
    const { FLEETDECK_PUBLIC_URL: _, ...withoutPublicUrl } = complete;
    const config = loadServerConfig({
      ...withoutPublicUrl,
      FLEETDECK_OIDC_REDIRECT_URL: "https://fleetdeck.example.com/auth/oidc/callback",
    });
    expect(config.FLEETDECK_OIDC_REDIRECT_URL).toBe("https://fleetdeck.example.com/auth/oidc/callback");
  });

  it("wants the issuer over https, except on the loopback interface", () => {
    expect(() => loadServerConfig({ ...complete, FLEETDECK_OIDC_ISSUER: "http://idp.example.com" })).toThrow(
      /FLEETDECK_OIDC_ISSUER="http:\/\/idp.example.com": must be an https:\/\/ URL/,
    );
    expect(() => loadServerConfig({ ...complete, FLEETDECK_OIDC_ISSUER: "idp.example.com" })).toThrow(
      /FLEETDECK_OIDC_ISSUER/,
    );
    for (const local of ["http://127.0.0.1:4518", "http://localhost:8080/realms/dev"]) {
      expect(loadServerConfig({ ...complete, FLEETDECK_OIDC_ISSUER: local }).FLEETDECK_OIDC_ISSUER).toBe(local);
    }
  });

  it("does not echo the client secret", () => {
    const load = () =>
      loadServerConfig({ ...complete, FLEETDECK_OIDC_CLIENT_SECRET: "", FLEETDECK_PUBLIC_URL: "ftp://x" });
    expect(load).toThrow(/FLEETDECK_PUBLIC_URL: must be an http/);
    const withSecret = () =>
      loadServerConfig({ FLEETDECK_OIDC_CLIENT_SECRET: "s3cret-value", FLEETDECK_OIDC_CLIENT_ID: "fleetdeck" });
    expect(withSecret).toThrow(/FLEETDECK_OIDC_ISSUER: required/);
    expect(withSecret).not.toThrow(/s3cret-value/);
  });
});
