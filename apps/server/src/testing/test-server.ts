import type { Writable } from "node:stream";
import { createTestDatabase } from "@fleetdeck/db/testing";
import type { Identity } from "../auth/identity.ts";
import { createTestPasswordHasher } from "../auth/test-password-hasher.ts";
import { loadServerConfig } from "../config/config.ts";
import { buildApp } from "../http/app.ts";
import { loggerOptions } from "../infra/logger-options.ts";
import { createServices } from "../services.ts";
import type { AppContext } from "../trpc/context.ts";
import { appRouter } from "../trpc/root.ts";
import { createCallerFactory } from "../trpc/trpc.ts";

/** The first start's admin in every test server (it holds all four roles). */
export const testAdmin = { username: "admin", password: "correct-horse-battery-2026" };

/**
 * A real server for tests: real services on a database of its own — PGlite in a temp dir, or a
 * fresh database on the PostgreSQL server named by FLEETDECK_TEST_DATABASE_URL (scripts/test.sh
 * starts one) — listening on a free port of 127.0.0.1, with the admin signed in.
 */
export async function startTestServer(env: Record<string, string> = {}, { logStream }: { logStream?: Writable } = {}) {
  const database = await createTestDatabase();
  const { databaseUrl, dataDir } = database.options;
  const config = loadServerConfig({
    FLEETDECK_DATA_DIR: dataDir,
    FLEETDECK_LOG_LEVEL: "silent",
    FLEETDECK_LIVE_INTERVAL_MS: "200",
    FLEETDECK_ADMIN_PASSWORD: testAdmin.password,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const services = await createServices(config, { passwords: createTestPasswordHasher() });
  const app = await buildApp({
    services,
    webDir: config.FLEETDECK_WEB_DIR ?? null,
    // The server's own logger settings, when a test wants to read what it logs.
    logger: logStream ? loggerOptions("trace", logStream) : false,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;

  const createCaller = createCallerFactory(appRouter);
  /** A server-side caller acting as `identity` (null: nobody signed in). */
  const callerAs = (identity: Identity | null) =>
    createCaller({
      ...services,
      requestId: "test",
      log: app.log,
      identity,
      origin: { ip: "127.0.0.1", requestId: "test" },
      userAgent: null,
      sessionCookie: { token: null, set() {}, clear() {} },
    } satisfies AppContext);
  const admin = await services.sessions.login({ ...testAdmin, ip: "127.0.0.1", userAgent: null, requestId: "test" });

  /** Signs in over HTTP and returns the session cookie, as a browser would hold it. */
  async function signIn(credentials = testAdmin): Promise<string> {
    const response = await fetch(`${url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(credentials),
    });
    const cookie = response.headers.get("set-cookie")?.split(";")[0];
    if (!response.ok || !cookie) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    return cookie;
  }
  const adminCookie = await signIn();

  return {
    app,
    services,
    caller: callerAs(admin.identity),
    callerAs,
    adminIdentity: admin.identity,
    url,
    signIn,
    /** fetch as the signed-in admin (cookie and same-origin header set). */
    fetchAsAdmin(path: string, init: RequestInit = {}) {
      return fetch(`${url}${path}`, { ...init, headers: { ...init.headers, cookie: adminCookie, origin: url } });
    },
    async stop() {
      await app.close();
      await services.close();
      await database.destroy();
    },
  };
}
