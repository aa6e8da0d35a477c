import { type Database, openDatabase } from "@fleetdeck/db";
import {
  type Clock,
  type ConfigActuator,
  createEtcdConfigActuator,
  type ObservedFleetSource,
  PrometheusSource,
  readSourcesConfig,
  type SourcesConfig,
  systemClock,
} from "@fleetdeck/sources";
import { AuditLogReader } from "./audit/audit-log-reader.ts";
import { ApiTokenService } from "./auth/api-token-service.ts";
import { type BootstrapAdminResult, bootstrapAdmin } from "./auth/bootstrap-admin.ts";
import { LoginRateLimiter } from "./auth/login-rate-limiter.ts";
import { OidcAccounts } from "./auth/oidc-accounts.ts";
import { OidcDiscovery } from "./auth/oidc-discovery.ts";
import { oidcSettingsOf } from "./auth/oidc-settings.ts";
import { OidcSignIn } from "./auth/oidc-sign-in.ts";
import { PasswordChangeService } from "./auth/password-change.ts";
import { PasswordHasher } from "./auth/passwords.ts";
import { SessionService } from "./auth/session-service.ts";
import { ChangeService } from "./changes/change-service.ts";
import { ChangeTargets } from "./changes/change-targets.ts";
import { ConfigActuators } from "./changes/config-actuators.ts";
import type { ServerConfig } from "./config/config.ts";
import { DemoConfigActuator } from "./demo/demo-config-actuator.ts";
import { type DemoControl, openDemoControl } from "./demo/demo-control.ts";
import { FleetService } from "./fleet/fleet-service.ts";
import { OverviewFeed } from "./fleet/overview-feed.ts";
import { GcService } from "./gc/gc-service.ts";
import { createServerMetrics, type ServerMetrics } from "./infra/metrics.ts";
import { ProfileCaptures } from "./profiles/profile-capture.ts";
import { ProfileService } from "./profiles/profile-service.ts";
import { ProfileWorkers } from "./profiles/profile-workers.ts";
import { GateMetricsReader } from "./rollouts/gate-metrics-reader.ts";
import { RolloutController, type RolloutControllerOptions } from "./rollouts/rollout-controller.ts";
import { SourceRegistry } from "./sources/source-registry.ts";
import { clusterSourcesOf } from "./topology/cluster-sources.ts";
import { TopologyFeed } from "./topology/topology-feed.ts";
import { TopologyService } from "./topology/topology-service.ts";
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
  gc: GcService;
  overviewFeed: OverviewFeed;
  demo: DemoControl;
  passwords: PasswordHasher;
  sessions: SessionService;
  apiTokens: ApiTokenService;
  passwordChange: PasswordChangeService;
  users: UserAdmin;
  auditLog: AuditLogReader;
  /** Single sign-on; null when it is not configured. */
  oidc: OidcSignIn | null;
  /** Stored profiles and what is computed from them (on worker threads). */
  profiles: ProfileService;
  /** Profile captures under way, with their limits. */
  profileCaptures: ProfileCaptures;
  /** Change requests, their approvals and the rollouts they start. */
  changes: ChangeService;
  /** Carries rolling changes forward; started by `serve`, stepped by hand in tests. */
  rollouts: RolloutController;
  /** The placement map, the service graph and cluster details. */
  topology: TopologyService;
  topologyFeed: TopologyFeed;
}

export interface CreatedServices extends ServerServices {
  /** What the first start did about the admin account; the caller prints a generated password. */
  bootstrap: BootstrapAdminResult;
  close(): Promise<void>;
}

export async function createServices(
  config: ServerConfig,
  {
    passwords = new PasswordHasher(),
    demoClock,
    afterRolloutSideEffect,
  }: {
    passwords?: PasswordHasher;
    /** The demo fleet's clock, when a test moves time by hand (bake times, expiry). */
    demoClock?: Clock;
    /** Tests only: called between a rollout step's side effect and its record (a crash there). */
    afterRolloutSideEffect?: RolloutControllerOptions["afterSideEffect"];
  } = {},
): Promise<CreatedServices> {
  // A bad sources file stops start-up before anything is opened.
  const sourcesConfig = await readSourcesConfig(config.FLEETDECK_SOURCES_FILE);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.FLEETDECK_DATA_DIR });
  try {
    const metrics = createServerMetrics();
    const demoDeclared = sourcesConfig.sources.some((source) => source.kind === "demo");
    const demo = await openDemoControl(db, config, demoDeclared, demoClock);
    const sources = new SourceRegistry(sourcesOf(sourcesConfig, demo), config.FLEETDECK_SOURCE_TIMEOUT_MS, metrics);
    // The demo's clock may run fast; real backends live on the wall clock.
    const clock = demoDeclared ? demo.clock : systemClock;
    const fleet = new FleetService(sources, clock);
    const overviewFeed = new OverviewFeed(fleet, config.FLEETDECK_LIVE_INTERVAL_MS);
    const clusterSources = clusterSourcesOf(sourcesConfig);
    const topology = new TopologyService(
      sources,
      clusterSources,
      demoDeclared ? { clusterDetails: (atMs, only) => demo.source.clusterDetails(atMs, only) } : null,
      clock,
      config.FLEETDECK_SOURCE_TIMEOUT_MS,
    );
    const topologyFeed = new TopologyFeed(topology, config.FLEETDECK_LIVE_INTERVAL_MS);
    const bootstrap = await bootstrapAdmin(db, {
      adminPassword: config.FLEETDECK_ADMIN_PASSWORD,
      passwords,
      clock: systemClock,
    });
    // One limiter for sign-in and password change: both check a password someone may be guessing.
    const rateLimiter = new LoginRateLimiter();
    const sessions = new SessionService(db, {
      clock: systemClock,
      passwords,
      rateLimiter,
      idleTimeoutMs: config.FLEETDECK_SESSION_IDLE_SECONDS * 1000,
      absoluteTimeoutMs: config.FLEETDECK_SESSION_MAX_SECONDS * 1000,
    });
    const apiTokens = new ApiTokenService(db, { clock: systemClock });
    const oidcSettings = oidcSettingsOf(config);
    const oidc =
      oidcSettings === null
        ? null
        : new OidcSignIn(oidcSettings, {
            db,
            clock: systemClock,
            discovery: new OidcDiscovery(oidcSettings),
            accounts: new OidcAccounts(db, systemClock),
            sessions,
          });
    const profileWorkers = new ProfileWorkers({
      taskTimeoutMs: config.FLEETDECK_PROFILE_TASK_TIMEOUT_MS,
      maxThreads: config.FLEETDECK_PROFILE_WORKER_THREADS,
    });
    const profiles = new ProfileService(db, profileWorkers, sources);
    const profileCaptures = new ProfileCaptures(
      { db, sources, profiles, workers: profileWorkers },
      {
        capturesPerMinute: config.FLEETDECK_PROFILE_CAPTURES_PER_MINUTE,
        maxBytes: config.FLEETDECK_PROFILE_MAX_BYTES,
        graceSeconds: 15,
        keepStatusMs: 5 * 60_000,
      },
    );
    const actuators = actuatorsOf(sourcesConfig, demo);
    const rollouts = new RolloutController(db, sources, actuators, new GateMetricsReader(sources), {
      clock,
      tickMs: config.FLEETDECK_ROLLOUT_TICK_MS,
      afterSideEffect: afterRolloutSideEffect,
    });
    const changes = new ChangeService(db, new ChangeTargets(sources, clock), actuators, {
      clock,
      settings: sourcesConfig.changePolicy,
      approvalTtlMs: config.FLEETDECK_APPROVAL_TTL_HOURS * 3_600_000,
      requestTtlMs: config.FLEETDECK_CHANGE_REQUEST_TTL_HOURS * 3_600_000,
    });
    return {
      config,
      db,
      clock,
      changes,
      rollouts,
      metrics,
      sources,
      fleet,
      gc: new GcService(sources, clock),
      overviewFeed,
      topology,
      topologyFeed,
      demo,
      passwords,
      sessions,
      apiTokens,
      passwordChange: new PasswordChangeService(db, { clock: systemClock, passwords, rateLimiter }),
      users: new UserAdmin(db, passwords, systemClock),
      auditLog: new AuditLogReader(db),
      oidc,
      profiles,
      profileCaptures,
      bootstrap,
      close: async () => {
        await rollouts.stop();
        await Promise.all(clusterSources.map((source) => source.close?.()));
        await profileCaptures.close();
        await profileWorkers.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** One source per entry of the sources file, in its order. */
function sourcesOf(config: SourcesConfig, demo: DemoControl): ObservedFleetSource[] {
  return config.sources.flatMap((entry): ObservedFleetSource[] => {
    if (entry.kind === "demo") return [demo.source];
    if (entry.kind === "prometheus") return [new PrometheusSource(entry)];
    // Cluster sources (etcd) tell places and liveness, not GC metrics: see cluster-sources.ts.
    return [];
  });
}

/** Who changes config where: the demo fleet its own, a Prometheus source through its config centre. */
function actuatorsOf(config: SourcesConfig, demo: DemoControl): ConfigActuators {
  const actuators = new Map<string, ConfigActuator>();
  for (const entry of config.sources) {
    if (entry.kind === "demo") actuators.set(entry.id, new DemoConfigActuator(demo));
    else if (entry.kind === "prometheus" && entry.configCentre) {
      actuators.set(
        entry.id,
        createEtcdConfigActuator({
          id: `${entry.id} config centre`,
          endpoints: entry.configCentre.endpoints,
          prefix: entry.configCentre.prefix,
          timeoutMs: entry.configCentre.timeoutMs,
        }),
      );
    }
  }
  return new ConfigActuators(actuators);
}
