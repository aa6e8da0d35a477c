import { generateKeyPairSync, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

/** A person at the test identity provider. */
export interface TestOidcAccount {
  username: string;
  password: string;
  /** Their `sub`; the username when not given. */
  subject?: string;
  name?: string;
  email?: string;
  groups: readonly string[];
}

/** The console as a client of the test provider. */
export interface TestOidcClient {
  clientId: string;
  /** Without one the client is public (token_endpoint_auth_method "none"), and must use PKCE anyway. */
  clientSecret?: string;
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
}

export interface TestOidcProviderOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  accounts: readonly TestOidcAccount[];
  clients: readonly TestOidcClient[];
  /**
   * Put the profile, email and groups claims in the ID token itself. By default they are only
   * at the userinfo endpoint, as OpenID Connect Core §5.4 has it when an access token is issued.
   */
  claimsInIdToken?: boolean;
}

export interface TestOidcProvider {
  /** http://127.0.0.1:<port> */
  issuer: string;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider) on 127.0.0.1, for tests: a sign-in page of
 * its own (username and password, checked against `accounts`), consent granted without asking
 * (the console is a first-party client), PKCE required of every client, and RP-initiated logout.
 * Its pages load nothing from elsewhere, so a browser test stays on this machine.
 */
export async function startTestOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  let provider: Provider | undefined;
  const server = http.createServer((request, response) => {
    if (provider === undefined) {
      response.writeHead(503).end("starting");
      return;
    }
    handle(provider, options.accounts, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(`test identity provider failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, providerConfiguration(options));
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function providerConfiguration(options: TestOidcProviderOptions): Configuration {
  const bySubject = new Map(options.accounts.map((account) => [account.subject ?? account.username, account]));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      ...(client.clientSecret === undefined
        ? { token_endpoint_auth_method: "none" }
        : { client_secret: client.clientSecret, token_endpoint_auth_method: "client_secret_basic" }),
      redirect_uris: [...client.redirectUris],
      post_logout_redirect_uris: [...client.postLogoutRedirectUris],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-signing-key", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomUUID()] },
    claims: {
      openid: ["sub"],
      profile: ["preferred_username", "name"],
      email: ["email"],
      groups: ["groups"],
    },
    conformIdTokenClaims: !options.claimsInIdToken,
    // Lifetimes in seconds, set so that the provider does not warn about its defaults.
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3_600, IdToken: 600, Interaction: 600, Session: 3_600 },
    pkce: { required: () => true },
    findAccount: (_ctx, sub) => {
      const account = bySubject.get(sub);
      if (account === undefined) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          preferred_username: account.username,
          name: account.name,
          email: account.email,
          groups: [...account.groups],
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page(
            "Sign out of the test identity provider",
            `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
          );
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.body = page("Signed out", "<p>You are signed out of the test identity provider.</p>");
        },
      },
    },
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = "html";
      ctx.body = page(
        "Identity provider error",
        `<p>${escapeHtml(`${out.error}: ${out.error_description ?? ""}`)}</p>`,
      );
    },
  };
}

/** The sign-in pages live at /interaction/<uid>; everything else is the provider's own. */
async function handle(
  provider: Provider,
  accounts: readonly TestOidcAccount[],
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const { pathname } = new URL(request.url ?? "/", "http://provider.invalid");
  if (pathname === "/favicon.ico") {
    // Browsers ask for it; a 404 would show up as a console error in browser tests.
    response.writeHead(204).end();
    return;
  }
  const interaction = /^\/interaction\/[^/]+(\/abort)?$/.exec(pathname);
  if (interaction === null) {
    await provider.callback()(request, response);
    return;
  }
  const details = await provider.interactionDetails(request, response);
  if (interaction[1] === "/abort") {
    await provider.interactionFinished(request, response, {
      error: "access_denied",
      error_description: "The person cancelled the sign-in",
    });
    return;
  }
  if (details.prompt.name === "consent") {
    const grant = new provider.Grant({
      accountId: details.session?.accountId,
      clientId: String(details.params.client_id),
    });
    const missingScope = details.prompt.details.missingOIDCScope;
    if (Array.isArray(missingScope)) grant.addOIDCScope(missingScope.join(" "));
    const missingClaims = details.prompt.details.missingOIDCClaims;
    if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims);
    await provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } });
    return;
  }
  if (request.method === "POST") {
    const form = new URLSearchParams(await bodyOf(request));
    const account = accounts.find(
      (candidate) => candidate.username === form.get("username") && candidate.password === form.get("password"),
    );
    if (account !== undefined) {
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: account.subject ?? account.username } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    sendHtml(response, loginForm(pathname, "Wrong username or password."));
    return;
  }
  sendHtml(response, loginForm(pathname, null));
}

function loginForm(action: string, error: string | null): string {
  return page(
    "Sign in to the test identity provider",
    `${error === null ? "" : `<p role="alert">${escapeHtml(error)}</p>`}
    <form method="post" action="${escapeHtml(action)}">
      <p><label for="username">Username</label> <input id="username" name="username" autocomplete="username" required></p>
      <p><label for="password">Password</label> <input id="password" name="password" type="password" required></p>
      <button type="submit">Sign in</button>
    </form>
    <p><a href="${escapeHtml(action)}/abort">Cancel</a></p>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function sendHtml(response: http.ServerResponse, html: string) {
  response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  response.end(html);
}

async function bodyOf(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
