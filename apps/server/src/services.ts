import { type Database, openDatabase } from "@fleetdeck/db";
import type { Clock } from "@fleetdeck/sources";
import type { ServerConfig } from "./config/config.ts";
import { type DemoControl, openDemoControl } from "./demo/demo-control.ts";
import { FleetService } from "./fleet/fleet-service.ts";
import { OverviewFeed } from "./fleet/overview-feed.ts";
import { createServerMetrics, type ServerMetrics } from "./infra/metrics.ts";
import { SourceRegistry } from "./sources/source-registry.ts";

/** Everything a request handler may use; built once per process. */
export interface ServerServices {
  config: ServerConfig;
  db: Database;
  clock: Clock;
  metrics: ServerMetrics;
  sources: SourceRegistry;
  fleet: FleetService;
  overviewFeed: OverviewFeed;
  demo: DemoControl;
}

export async function createServices(config: ServerConfig): Promise<ServerServices & { close(): Promise<void> }> {
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.FLEETDECK_DATA_DIR });
  try {
    const metrics = createServerMetrics();
    const demo = await openDemoControl(db, config);
    const sources = new SourceRegistry([demo.source], config.FLEETDECK_SOURCE_TIMEOUT_MS, metrics);
    const fleet = new FleetService(sources, demo.clock);
    const overviewFeed = new OverviewFeed(fleet, config.FLEETDECK_LIVE_INTERVAL_MS);
    return { config, db, clock: demo.clock, metrics, sources, fleet, overviewFeed, demo, close: () => db.close() };
  } catch (error) {
    await db.close();
    throw error;
  }
}
