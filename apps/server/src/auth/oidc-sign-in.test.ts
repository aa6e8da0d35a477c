import { findUserByUsername, queryAudit } from "@fleetdeck/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, testAdmin } from "../testing/test-server.ts";
import { callOverHttp } from "../testing/trpc-http.ts";
import { oidcAttemptCookieName } from "./oidc-attempt-cookie.ts";
import { type BrowserResponse, TestBrowser } from "./oidc-test-browser.ts";
import { startTestOidcProvider, type TestOidcAccount, type TestOidcProvider } from "./oidc-test-provider.ts";
import { sessionCookieName } from "./session-cookie.ts";

/**
 * Single sign-on end to end over HTTP: a real OpenID Connect provider (oidc-provider) and a real
 * console server, driven by a small cookie-keeping browser. The console is published at
 * `publicOrigin`, which the browser maps onto the test server's address as a reverse proxy would.
 */
const publicOrigin = "http://console.fleetdeck.test";
const callbackPath = "/auth/oidc/callback";
const roleMap = "sre-oncall=operator,sre-leads=approver+operator,platform-admins=admin";

const accounts = {
  sam: { username: "sam", password: "sam-at-the-idp", name: "Sam Oncall", groups: ["everyone", "sre-oncall"] },
  lee: { username: "lee", password: "lee-at-the-idp", subject: "0042-lee", groups: ["sre-leads"] },
  casey: { username: "casey", password: "casey-at-the-idp", groups: ["contractors"] },
  rogueAdmin: { username: "admin", password: "not-the-local-admin", subject: "idp-admin", groups: ["platform-admins"] },
} satisfies Record<string, TestOidcAccount>;

type Server = Awaited<ReturnType<typeof startTestServer>>;

async function startWithProvider(
  env: Record<string, string> = {},
  { publicClient = false, claimsInIdToken = false } = {},
): Promise<{ provider: TestOidcProvider; server: Server }> {
  const provider = await startTestOidcProvider({
    accounts: Object.values(accounts),
    clients: [
      {
        clientId: "fleetdeck",
        ...(publicClient ? {} : { clientSecret: "fleetdeck-client-secret" }),
        redirectUris: [`${publicOrigin}${callbackPath}`],
        postLogoutRedirectUris: [`${publicOrigin}/login`],
      },
    ],
    claimsInIdToken,
  });
  const server = await startTestServer({
    FLEETDECK_OIDC_ISSUER: provider.issuer,
    FLEETDECK_OIDC_CLIENT_ID: "fleetdeck",
    ...(publicClient ? {} : { FLEETDECK_OIDC_CLIENT_SECRET: "fleetdeck-client-secret" }),
    FLEETDECK_PUBLIC_URL: publicOrigin,
    FLEETDECK_OIDC_ROLE_MAP: roleMap,
    FLEETDECK_OIDC_LABEL: "Test IdP",
    ...env,
  });
  return { provider, server };
}

function browserFor(server: Server) {
  return new TestBrowser({ [publicOrigin]: server.url });
}

const last = (hops: BrowserResponse[]) => {
  const hop = hops.at(-1);
  if (hop === undefined) throw new Error("no response");
  return hop;
};

/** From the console's single sign-on link to the provider's sign-in form. */
async function openProviderSignIn(browser: TestBrowser, redirect = "/settings") {
  const hops = await browser.follow(`${publicOrigin}/auth/oidc/start?redirect=${encodeURIComponent(redirect)}`);
  const form = last(hops);
  expect(form.status).toBe(200);
  expect(form.body).toContain("Sign in to the test identity provider");
  return { hops, form };
}

/** Signs in at the provider and stops where the provider sends the browser back to the console. */
async function signInAtProvider(browser: TestBrowser, account: TestOidcAccount, redirect = "/settings") {
  const { hops: toForm, form } = await openProviderSignIn(browser, redirect);
  const hops = await browser.follow(form.url, {
    form: { username: account.username, password: account.password },
    until: (next) => next.origin === publicOrigin,
  });
  const callback = last(hops).location;
  if (callback?.pathname !== callbackPath) throw new Error(`the provider did not send the browser back: ${callback}`);
  return { toForm, callback };
}

/** The whole sign-in; returns where the console sent the browser afterwards. */
async function signInWithSso(browser: TestBrowser, account: TestOidcAccount, redirect = "/settings") {
  const { callback } = await signInAtProvider(browser, account, redirect);
  return (await browser.open(callback)).location;
}

function sessionOf(browser: TestBrowser): { cookie: string } {
  const token = browser.cookie(publicOrigin, sessionCookieName);
  if (token === null) throw new Error("no session cookie");
  return { cookie: `${sessionCookieName}=${token}` };
}

async function me(server: Server, credentials: { cookie: string }) {
  return (await callOverHttp(server.url, credentials, { query: "auth.me" })).data as {
    user: { username: string; roles: string[]; permissions: string[]; hasPassword: boolean } | null;
  };
}

async function auditSince(server: Server, markId: number, action: string) {
  const { entries } = await queryAudit(server.services.db, { action, limit: 100 });
  return entries.filter((entry) => entry.id > markId).reverse();
}

async function auditMark(server: Server) {
  return (await queryAudit(server.services.db, { limit: 1 })).entries[0]?.id ?? 0;
}

describe("single sign-on with OpenID Connect", () => {
  let provider: TestOidcProvider;
  let server: Server;

  beforeAll(async () => {
    ({ provider, server } = await startWithProvider());
  });
  afterAll(async () => {
    await server?.stop();
    await provider?.stop();
  });

  it("offers single sign-on on the sign-in page with its label", async () => {
    expect((await callOverHttp(server.url, null, { query: "auth.methods" })).data).toEqual({
      password: true,
      oidc: { label: "Test IdP" },
    });
  });

  it("signs an on-call SRE in as operator and brings them to the page they asked for", async () => {
    const mark = await auditMark(server);
    const browser = browserFor(server);
    const { toForm, callback } = await signInAtProvider(browser, accounts.sam);

    // The authorization request: code flow, PKCE S256, state, nonce, the groups scope, our callback.
    const authorization = toForm[0]?.location;
    expect(authorization?.origin).toBe(provider.issuer);
    expect(Object.fromEntries(authorization?.searchParams ?? [])).toMatchObject({
      client_id: "fleetdeck",
      response_type: "code",
      redirect_uri: `${publicOrigin}${callbackPath}`,
      scope: "openid profile email groups",
      code_challenge_method: "S256",
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
    expect(toForm[0]?.status).toBe(302);
    expect(browser.cookie(publicOrigin, oidcAttemptCookieName)).not.toBeNull();

    const landing = await browser.open(callback);
    expect(landing.status).toBe(302);
    expect(landing.location?.href).toBe(`${publicOrigin}/settings`);
    expect(browser.cookie(publicOrigin, oidcAttemptCookieName)).toBeNull();

    const { user } = await me(server, sessionOf(browser));
    // No local password: the console offers no "Change password" to an SSO-only account.
    expect(user).toMatchObject({
      username: "sam",
      roles: ["operator"],
      permissions: ["read", "operate"],
      hasPassword: false,
    });

    const stored = await findUserByUsername(server.services.db, "sam");
    expect(stored?.passwordHash).toBeNull();
    expect(stored?.user.displayName).toBe("Sam Oncall");
    const [created] = await auditSince(server, mark, "user.create");
    expect(created).toMatchObject({ actor: "fleetdeck", actorKind: "system", entityId: stored?.user.id });
    expect(created?.after).toMatchObject({
      username: "sam",
      roles: ["operator"],
      source: "oidc",
      issuer: provider.issuer,
      subject: "sam",
      groups: ["everyone", "sre-oncall"],
    });
    const logins = await auditSince(server, mark, "session.login");
    expect(
      logins.map(({ actor, actorKind, outcome, after }) => ({ actor, actorKind, outcome, method: after?.method })),
    ).toEqual([{ actor: "sam", actorKind: "user", outcome: "ok", method: "oidc" }]);
  });

  it("cannot replay a callback: each sign-in finishes once", async () => {
    const browser = browserFor(server);
    const { callback } = await signInAtProvider(browser, accounts.sam, "/");
    const attemptCookie = browser.cookie(publicOrigin, oidcAttemptCookieName);
    expect((await browser.open(callback)).location?.href).toBe(`${publicOrigin}/`);

    if (attemptCookie === null) throw new Error("no sign-in cookie");
    browser.setCookie(publicOrigin, oidcAttemptCookieName, attemptCookie, "/auth/oidc");
    const replayed = await browser.open(callback);
    expect(replayed.location?.href).toBe(`${publicOrigin}/login?error=attempt-expired`);
  });

  it("sets the roles from the groups at every sign-in, and audits the change", async () => {
    const browser = browserFor(server);
    await signInWithSso(browser, accounts.lee);
    expect((await me(server, sessionOf(browser))).user).toMatchObject({
      username: "lee",
      roles: ["operator", "approver"],
    });

    const mark = await auditMark(server);
    accounts.lee.groups = ["sre-oncall"];
    try {
      const later = browserFor(server);
      await signInWithSso(later, accounts.lee);
      expect((await me(server, sessionOf(later))).user).toMatchObject({ username: "lee", roles: ["operator"] });
    } finally {
      accounts.lee.groups = ["sre-leads"];
    }
    const [changed] = await auditSince(server, mark, "user.set-roles");
    expect(changed).toMatchObject({ actor: "fleetdeck", actorKind: "system" });
    expect(changed?.before).toEqual({ roles: ["approver", "operator"] });
    expect(changed?.after).toEqual({ roles: ["operator"], source: "oidc", groups: ["sre-oncall"] });
  });

  it("refuses someone whose groups grant no role, saying so on the sign-in page", async () => {
    const mark = await auditMark(server);
    const browser = browserFor(server);
    const landing = await signInWithSso(browser, accounts.casey);
    expect(landing?.href).toBe(`${publicOrigin}/login?error=no-role&redirect=%2Fsettings`);
    expect(browser.cookie(publicOrigin, sessionCookieName)).toBeNull();
    expect(await findUserByUsername(server.services.db, "casey")).toBeNull();
    const [refused] = await auditSince(server, mark, "session.login");
    expect(refused).toMatchObject({ actor: "casey", actorKind: "anonymous", outcome: "no-role" });
    expect(refused?.after).toMatchObject({ method: "oidc", subject: "casey", groups: ["contractors"] });
  });

  it("never signs into a local account by its name: the provider's 'admin' gets an account of its own", async () => {
    const browser = browserFor(server);
    await signInWithSso(browser, accounts.rogueAdmin, "/");
    const { user } = await me(server, sessionOf(browser));
    const qualified = `admin@${new URL(provider.issuer).host}`;
    expect(user).toMatchObject({ username: qualified, roles: ["admin"] });
    expect(user?.username).not.toBe(testAdmin.username);

    // The local admin is as it was, and still signs in with its password.
    const local = await findUserByUsername(server.services.db, testAdmin.username);
    expect(local?.passwordHash).not.toBeNull();
    expect((await me(server, { cookie: await server.signIn() })).user?.username).toBe(testAdmin.username);

    // Signing in again finds the linked account, not a third one.
    const again = browserFor(server);
    await signInWithSso(again, accounts.rogueAdmin, "/");
    expect((await me(server, sessionOf(again))).user?.username).toBe(qualified);
  });

  it("refuses a callback whose state was tampered with, and that sign-in cannot be finished after", async () => {
    const mark = await auditMark(server);
    const browser = browserFor(server);
    const { callback } = await signInAtProvider(browser, accounts.sam);
    const tampered = new URL(callback);
    tampered.searchParams.set("state", "forged-state");
    expect((await browser.open(tampered)).location?.href).toBe(
      `${publicOrigin}/login?error=state-mismatch&redirect=%2Fsettings`,
    );
    expect(browser.cookie(publicOrigin, sessionCookieName)).toBeNull();
    expect((await auditSince(server, mark, "session.login")).map((entry) => entry.outcome)).toEqual(["state-mismatch"]);
  });

  it("refuses a callback opened in a browser that did not start the sign-in (login CSRF)", async () => {
    const attacker = browserFor(server);
    const { callback } = await signInAtProvider(attacker, accounts.sam);
    const victim = browserFor(server);
    expect((await victim.open(callback)).location?.href).toBe(`${publicOrigin}/login?error=attempt-expired`);
    expect(victim.cookie(publicOrigin, sessionCookieName)).toBeNull();
  });

  it("comes back with the provider's refusal when the person cancels there", async () => {
    const mark = await auditMark(server);
    const browser = browserFor(server);
    const { form } = await openProviderSignIn(browser, "/gc");
    const hops = await browser.follow(new URL(`${form.url.pathname}/abort`, form.url), {
      until: (next) => next.origin === publicOrigin,
    });
    const callback = last(hops).location;
    expect(callback?.pathname).toBe(callbackPath);
    expect((await browser.open(callback ?? "")).location?.href).toBe(
      `${publicOrigin}/login?error=provider-error&redirect=%2Fgc`,
    );
    const [refused] = await auditSince(server, mark, "session.login");
    expect(refused).toMatchObject({ actorKind: "anonymous", outcome: "provider-error" });
    expect(refused?.after).toMatchObject({ method: "oidc", error: "access_denied" });
  });

  it("keeps redirects inside the console", async () => {
    const browser = browserFor(server);
    const { callback } = await signInAtProvider(browser, accounts.sam, "//evil.example/steal");
    expect((await browser.open(callback)).location?.href).toBe(`${publicOrigin}/`);
  });

  it("signs out at the provider too: logout returns its end-session URL, which comes back to /login", async () => {
    const browser = browserFor(server);
    await signInWithSso(browser, accounts.sam);
    const session = sessionOf(browser);
    const logout = await callOverHttp(server.url, session, { mutation: "auth.logout" });
    const { endSessionUrl } = logout.data as { endSessionUrl: string };
    const endSession = new URL(endSessionUrl);
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(`${publicOrigin}/login`);
    expect(endSession.searchParams.get("id_token_hint")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await me(server, session)).user).toBeNull();

    // The provider accepts the hint and the return address: it asks to confirm, then sends the browser back.
    const confirm = last(await browser.follow(endSession));
    expect(confirm.status).toBe(200);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(confirm.body)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)?.[1];
    if (!action || !xsrf) throw new Error(`no logout form in ${confirm.body}`);
    const back = await browser.follow(new URL(action, confirm.url), {
      form: { xsrf, logout: "yes" },
      until: (next) => next.origin === publicOrigin,
    });
    expect(last(back).location?.href).toBe(`${publicOrigin}/login`);
  });

  it("returns no end-session URL for a password session", async () => {
    const logout = await callOverHttp(server.url, { cookie: await server.signIn() }, { mutation: "auth.logout" });
    expect(logout.data).toEqual({ ok: true, endSessionUrl: null });
  });
});

describe("single sign-on as a public client, the groups in the ID token", () => {
  let provider: TestOidcProvider;
  let server: Server;

  beforeAll(async () => {
    ({ provider, server } = await startWithProvider({}, { publicClient: true, claimsInIdToken: true }));
  });
  afterAll(async () => {
    await server?.stop();
    await provider?.stop();
  });

  it("signs in with PKCE alone and reads the groups from the ID token", async () => {
    const browser = browserFor(server);
    expect((await signInWithSso(browser, accounts.lee, "/"))?.href).toBe(`${publicOrigin}/`);
    expect((await me(server, sessionOf(browser))).user).toMatchObject({
      username: "lee",
      roles: ["operator", "approver"],
    });
  });
});

describe("single sign-on while the provider is unreachable", () => {
  let server: Server;

  beforeAll(async () => {
    const { provider, server: started } = await startWithProvider();
    server = started;
    await provider.stop();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("still starts and offers it, and a click comes back to the sign-in page with the reason", async () => {
    expect((await callOverHttp(server.url, null, { query: "auth.methods" })).data).toMatchObject({
      oidc: { label: "Test IdP" },
    });
    const started = await browserFor(server).open(`${publicOrigin}/auth/oidc/start?redirect=%2Fgc`);
    expect(started.location?.href).toBe(`${publicOrigin}/login?error=provider-unavailable&redirect=%2Fgc`);
    // Password sign-in is unaffected.
    expect((await me(server, { cookie: await server.signIn() })).user?.username).toBe(testAdmin.username);
  });
});

describe("single sign-on when it is not configured", () => {
  let server: Server;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("is not offered, and its links lead back to the sign-in page", async () => {
    expect((await callOverHttp(server.url, null, { query: "auth.methods" })).data).toEqual({
      password: true,
      oidc: null,
    });
    const response = await fetch(`${server.url}/auth/oidc/start`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?error=sso-off");
  });
});
