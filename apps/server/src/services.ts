import { type Database, openDatabase } from "@fleetdeck/db";
import { type Clock, systemClock } from "@fleetdeck/sources";
import { ApiTokenService } from "./auth/api-token-service.ts";
import { type BootstrapAdminResult, bootstrapAdmin } from "./auth/bootstrap-admin.ts";
import { LoginRateLimiter } from "./auth/login-rate-limiter.ts";
import { PasswordHasher } from "./auth/passwords.ts";
import { SessionService } from "./auth/session-service.ts";
import type { ServerConfig } from "./config/config.ts";
import { type DemoControl, openDemoControl } from "./demo/demo-control.ts";
import { FleetService } from "./fleet/fleet-service.ts";
import { OverviewFeed } from "./fleet/overview-feed.ts";
import { createServerMetrics, type ServerMetrics } from "./infra/metrics.ts";
import { SourceRegistry } from "./sources/source-registry.ts";
import { UserAdmin } from "./users/user-admin.ts";

/** Everything a request handler may use; built once per process. */
export interface ServerServices {
  config: ServerConfig;
  db: Database;
  /** The fleet's time (the demo clock may run fast); sessions and audit use the wall clock. */
  clock: Clock;
  metrics: ServerMetrics;
  sources: SourceRegistry;
  fleet: FleetService;
  overviewFeed: OverviewFeed;
  demo: DemoControl;
  passwords: PasswordHasher;
  sessions: SessionService;
  apiTokens: ApiTokenService;
  users: UserAdmin;
}

export interface CreatedServices extends ServerServices {
  /** What the first start did about the admin account; the caller prints a generated password. */
  bootstrap: BootstrapAdminResult;
  close(): Promise<void>;
}

export async function createServices(
  config: ServerConfig,
  { passwords = new PasswordHasher() }: { passwords?: PasswordHasher } = {},
): Promise<CreatedServices> {
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.FLEETDECK_DATA_DIR });
  try {
    const metrics = createServerMetrics();
    const demo = await openDemoControl(db, config);
    const sources = new SourceRegistry([demo.source], config.FLEETDECK_SOURCE_TIMEOUT_MS, metrics);
    const fleet = new FleetService(sources, demo.clock);
    const overviewFeed = new OverviewFeed(fleet, config.FLEETDECK_LIVE_INTERVAL_MS);
    const bootstrap = await bootstrapAdmin(db, {
      adminPassword: config.FLEETDECK_ADMIN_PASSWORD,
      passwords,
      clock: systemClock,
    });
    const sessions = new SessionService(db, {
      clock: systemClock,
      passwords,
      rateLimiter: new LoginRateLimiter(),
      idleTimeoutMs: config.FLEETDECK_SESSION_IDLE_SECONDS * 1000,
      absoluteTimeoutMs: config.FLEETDECK_SESSION_MAX_SECONDS * 1000,
    });
    const apiTokens = new ApiTokenService(db, { clock: systemClock });
    return {
      config,
      db,
      clock: demo.clock,
      metrics,
      sources,
      fleet,
      overviewFeed,
      demo,
      passwords,
      sessions,
      apiTokens,
      users: new UserAdmin(db, passwords, systemClock),
      bootstrap,
      close: () => db.close(),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
