import type { ChangeContent, ChangeState, Role, RolloutPlan, RolloutStep } from "@fleetdeck/core";
import { createUser } from "@fleetdeck/db";
import { createTestDatabase, type TestDatabase } from "@fleetdeck/db/testing";
import { pino } from "pino";
import type { RequestOrigin } from "../audit/audit-writer.ts";
import type { Identity } from "../auth/identity.ts";
import { createTestPasswordHasher } from "../auth/test-password-hasher.ts";
import { loadServerConfig } from "../config/config.ts";
import { type CreatedServices, createServices } from "../services.ts";
import type { AppContext } from "../trpc/context.ts";
import { appRouter } from "../trpc/root.ts";
import { createCallerFactory } from "../trpc/trpc.ts";

export const benchOrigin: RequestOrigin = { ip: "127.0.0.1", requestId: "test" };

/**
 * Where the bench's clock starts: a fixed instant, since the demo fleet's load follows the time of
 * day and gate verdicts with it, so a test sees the same fleet whenever it runs.
 */
export const benchStartMs = Date.parse("2026-06-01T09:00:00Z");

export interface RolloutBenchOptions {
  /** Server settings added to the bench's own (a sources file, TTLs). */
  env?: Record<string, string>;
  /** Called between a rollout step's side effect and its record; throwing there is a crash. */
  afterRolloutSideEffect?: (step: RolloutStep, changeId: string) => void | Promise<void>;
}

/**
 * Real services on a database of their own (PGlite, or PostgreSQL under
 * FLEETDECK_TEST_DATABASE_URL) with the demo fleet on a clock the test moves by hand, so bakes,
 * convergence timeouts and expiry take no wall time. The controller is not started: tests step it.
 */
export async function openRolloutBench({ env = {}, afterRolloutSideEffect }: RolloutBenchOptions = {}) {
  const database: TestDatabase = await createTestDatabase();
  let nowMs = benchStartMs;
  const clock = { nowMs: () => nowMs };
  const config = loadServerConfig({
    FLEETDECK_DATA_DIR: database.options.dataDir,
    FLEETDECK_DEMO_INSTANCES: "120",
    ...(database.options.databaseUrl ? { DATABASE_URL: database.options.databaseUrl } : {}),
    ...env,
  });
  const services: CreatedServices = await createServices(config, {
    passwords: createTestPasswordHasher(),
    demoClock: clock,
    afterRolloutSideEffect,
  });
  const createCaller = createCallerFactory(appRouter);

  return {
    services,
    database,
    nowMs: () => nowMs,
    /** Moves the fleet's time on (never back). */
    advance(ms: number) {
      nowMs += Math.max(0, ms);
    },

    async person(username: string, roles: Role[]): Promise<Identity> {
      const user = await createUser(services.db, {
        username,
        displayName: username,
        passwordHash: null,
        roles,
        atMs: nowMs,
      });
      return { kind: "user", userId: user.id, username, roles, mustChangePassword: false };
    },

    /** The tRPC API as `identity` calls it, with the server's error mapping (codes, messages). */
    callerAs(identity: Identity) {
      return createCaller({
        ...services,
        requestId: "test",
        log: pino({ level: "silent" }),
        identity,
        origin: benchOrigin,
        userAgent: null,
        sessionCookie: { token: null, set() {}, clear() {} },
      } satisfies AppContext);
    },

    /** Demo services with at least `minInstances` instances that all run a numeric GOGC, by id. */
    async serviceIds(minInstances = 3): Promise<string[]> {
      const inventory = await services.demo.source.inventory();
      return inventory.services
        .map((s) => s.id)
        .filter((id) => {
          const instances = inventory.instances.filter((i) => i.serviceId === id);
          return instances.length >= minInstances && instances.every((i) => typeof i.runtimeConfig.gogc === "number");
        })
        .sort();
    },

    /** The instance ids of a service, sorted. */
    async instanceIdsOf(serviceId: string): Promise<string[]> {
      const inventory = await services.demo.source.inventory();
      return inventory.instances
        .filter((i) => i.serviceId === serviceId)
        .map((i) => i.id)
        .sort();
    },

    /** What the control plane tells the instance to run now (GOGC). */
    async desiredGogcOf(serviceId: string, instanceIds: readonly string[]) {
      const configs = await services.changes.readConfigs(serviceId, instanceIds);
      return Object.fromEntries(configs.map((c) => [c.instanceId, c.desired?.gogc ?? null]));
    },

    /**
     * Lets the controller work until the change leaves `state`, moving the clock to the end of
     * each wait (a second when the wait has no end).
     */
    async runWhile(id: string, state: ChangeState, maxLooks = 200): Promise<RolloutStep[]> {
      const taken: RolloutStep[] = [];
      for (let look = 0; look < maxLooks; look++) {
        if ((await services.changes.get(id)).state !== state) return taken;
        const step = await services.rollouts.step(id);
        if (!step || step.kind === "wait") nowMs = Math.max(nowMs + 1_000, step?.untilMs ?? 0);
        else taken.push(step);
      }
      throw new Error(`change ${id} still ${state} after ${maxLooks} looks`);
    },

    async close() {
      await services.close();
      await database.destroy();
    },
  };
}

export type RolloutBench = Awaited<ReturnType<typeof openRolloutBench>>;

/** A change to a whole service: a canary instance, then the rest, each baking a minute, with the given gates. */
export function benchContent(
  title: string,
  serviceId: string,
  gogc: number,
  gates: RolloutPlan["gates"],
  selector = "",
): ChangeContent {
  return {
    title,
    description: "set by a test",
    patch: { gogc },
    target: { serviceId, selector },
    plan: {
      stages: [
        { name: "canary", regionId: null, size: { kind: "instances", count: 1 }, bakeSeconds: 60 },
        { name: "all", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds: 60 },
      ],
      gates,
      convergenceTimeoutSeconds: 120,
    },
  };
}
