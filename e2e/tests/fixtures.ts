import { type APIRequestContext, test as base, expect } from "@playwright/test";
import { type Account, adminAccount } from "./accounts.ts";

interface Fixtures {
  /** Console errors a spec expects, e.g. the browser's note on a 404 the page handles. */
  allowedConsoleErrors: RegExp[];
  /** Who the browser is signed in as when the test starts; null starts it signed out. */
  signedInAs: "admin" | null;
  browserSession: undefined;
  cleanDemoFleet: undefined;
  pageErrors: string[];
}

/**
 * tRPC over HTTP as a script calls it: a mutation is a POST whose body is the input as JSON (empty
 * for a mutation without input, still typed as JSON). The server refuses a cookie-carrying POST
 * that does not name the console's own origin (its CSRF check), so the origin is sent as a browser
 * would send it.
 */
export function callMutation(request: APIRequestContext, origin: string, procedure: string, input?: unknown) {
  return request.post(`/trpc/${procedure}`, {
    headers: { origin, "content-type": "application/json" },
    data: input === undefined ? "" : JSON.stringify(input),
  });
}

async function mutate(request: APIRequestContext, origin: string, procedure: string, input?: unknown) {
  const response = await callMutation(request, origin, procedure, input);
  if (!response.ok()) throw new Error(`${procedure} failed: ${response.status()} ${await response.text()}`);
  return response.json();
}

/** Signs a request context in: the session cookie lands in its cookie jar (the page's, for page.request). */
export async function signIn(request: APIRequestContext, origin: string, account: Account) {
  await mutate(request, origin, "auth.login", account);
}

function originOf(baseURL: string | undefined): string {
  if (!baseURL) throw new Error("playwright.config.ts sets no baseURL");
  return new URL(baseURL).origin;
}

/**
 * Every spec starts signed in as admin (unless it opts out with `signedInAs: null`) from a healthy
 * demo fleet (no outage, no active fault), and fails on a console error or an uncaught page error
 * it did not expect: a console that logs errors while looking fine is broken for the next person
 * who opens devtools during an incident.
 */
export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  signedInAs: ["admin", { option: true }],
  /**
   * `request` is an API client of its own (its own cookies, apart from the browser's), signed in as
   * admin: what a spec uses to set things up or read the fleet's numbers behind the page's back.
   */
  request: async ({ playwright, baseURL }, use) => {
    const origin = originOf(baseURL);
    const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin } });
    await signIn(admin, origin, adminAccount);
    await use(admin);
    await admin.dispose();
  },
  browserSession: [
    async ({ page, baseURL, signedInAs }, use) => {
      // page.request shares the browser context's cookies, so the page starts with the session.
      if (signedInAs === "admin") await signIn(page.request, originOf(baseURL), adminAccount);
      await use(undefined);
    },
    { auto: true },
  ],
  cleanDemoFleet: [
    async ({ request, baseURL }, use) => {
      const origin = originOf(baseURL);
      await mutate(request, origin, "demo.setOutage", { message: null });
      const state = await (await request.get("/trpc/demo.state")).json();
      for (const fault of state.result.data.faults as { id: string; endMs: number | null }[]) {
        if (fault.endMs === null) await mutate(request, origin, "demo.clearFault", { faultId: fault.id });
      }
      await use(undefined);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        if (allowedConsoleErrors.some((pattern) => pattern.test(message.text()))) return;
        errors.push(`console: ${message.text()}`);
      });
      page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
      await use(errors);
      expect(errors, "console or page errors during the test").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
