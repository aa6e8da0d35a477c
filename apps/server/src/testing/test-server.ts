import { createTestDatabase } from "@fleetdeck/db/testing";
import { loadServerConfig } from "../config/config.ts";
import { buildApp } from "../http/app.ts";
import { createServices } from "../services.ts";
import { appRouter } from "../trpc/root.ts";
import { createCallerFactory } from "../trpc/trpc.ts";

/**
 * A real server for tests: real services on a database of its own — PGlite in a temp dir, or a
 * fresh database on the PostgreSQL server named by FLEETDECK_TEST_DATABASE_URL (scripts/test.sh
 * starts one) — listening on a free port of 127.0.0.1.
 */
export async function startTestServer(env: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const { databaseUrl, dataDir } = database.options;
  const config = loadServerConfig({
    FLEETDECK_DATA_DIR: dataDir,
    FLEETDECK_LOG_LEVEL: "silent",
    FLEETDECK_LIVE_INTERVAL_MS: "200",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const services = await createServices(config);
  const app = await buildApp({ services, webDir: config.FLEETDECK_WEB_DIR ?? null, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const caller = createCallerFactory(appRouter)({
    ...services,
    requestId: "test",
    log: app.log,
  });
  return {
    app,
    services,
    caller,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await app.close();
      await services.close();
      await database.destroy();
    },
  };
}
