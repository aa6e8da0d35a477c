import type { ChangePatch, RuntimeConfigPatch } from "@fleetdeck/core";
import {
  type Database,
  endFault,
  insertConfigEvents,
  latestChangeActivityMs,
  listConfigEvents,
  listFaults,
  type DemoFault as StoredFault,
  upsertFault,
} from "@fleetdeck/db";
import {
  type Clock,
  createDemoFleet,
  createScaledClock,
  type DemoConfigEvent,
  DemoFault,
  type DemoFaultKind,
  type DemoFleet,
} from "@fleetdeck/sources";
import { ZodError } from "zod";
import { type AuditContext, withAudit } from "../audit/audit-writer.ts";
import type { ServerConfig } from "../config/config.ts";
import { InvalidRequestError, NotFoundError } from "../infra/errors.ts";

export interface InjectFaultInput {
  kind: DemoFaultKind;
  serviceId: string;
  instanceIds?: string[];
  severity?: number;
}

/** How many recent config changes the state query returns. */
const recentConfigEvents = 50;

/**
 * The embedded demo control plane plus its memory: config changes and faults are written to the
 * database before they take effect, and replayed on start, so a restart loses nothing.
 */
export class DemoControl {
  constructor(
    readonly source: DemoFleet,
    readonly clock: Clock,
    private readonly db: Database,
    /** Whether the sources file lists the demo fleet; when it does not, the demo cannot be changed. */
    readonly declared = true,
  ) {}

  /** Changing a fleet nobody looks at would only write misleading audit entries. */
  private requireDeclared() {
    if (!this.declared) throw new InvalidRequestError("the demo fleet is not one of the configured sources");
  }

  instanceCount(): number {
    return this.source.instanceCount();
  }

  state() {
    return {
      nowMs: this.clock.nowMs(),
      outage: this.source.outageMessage,
      faults: this.source.faults(),
      configEvents: this.source.configEvents().slice(-recentConfigEvents),
    };
  }

  async injectFault(input: InjectFaultInput, audit: AuditContext): Promise<DemoFault> {
    this.requireDeclared();
    const startMs = this.clock.nowMs();
    const id = asInvalidRequest(() =>
      this.source.injectFault({
        kind: input.kind,
        target: { serviceId: input.serviceId, instanceIds: input.instanceIds },
        startMs,
        severity: input.severity,
      }),
    );
    const fault = this.source.faults().find((f) => f.id === id) as DemoFault;
    try {
      await withAudit(this.db, { ...audit, action: "demo-fault.inject", entityType: "demo-fault" }, async (tx) => {
        await upsertFault(tx, toStoredFault(fault));
        return { result: fault, after: fault, entityId: fault.id };
      });
    } catch (error) {
      // Not stored means not injected: end it at its own start so it never had an effect.
      this.source.clearFault(id, startMs);
      throw error;
    }
    return fault;
  }

  async clearFault(faultId: string, audit: AuditContext): Promise<DemoFault> {
    this.requireDeclared();
    const fault = this.source.faults().find((f) => f.id === faultId);
    if (!fault) throw new NotFoundError(`no demo fault with id "${faultId}"`);
    const endMs = this.clock.nowMs();
    const cleared = { ...fault, endMs };
    await withAudit(
      this.db,
      { ...audit, action: "demo-fault.clear", entityType: "demo-fault", entityId: faultId },
      async (tx) => {
        await endFault(tx, faultId, endMs);
        return { result: cleared, before: fault, after: cleared };
      },
    );
    this.source.clearFault(faultId, endMs);
    return cleared;
  }

  async setOutage(message: string | null, audit: AuditContext) {
    this.requireDeclared();
    const before = { outage: this.source.outageMessage };
    const after = { outage: message };
    await withAudit(this.db, { ...audit, action: "demo-outage.set", entityType: "demo-control-plane" }, async () => ({
      result: after,
      before,
      after,
    }));
    this.source.setOutage(message);
    return after;
  }

  async setRuntimeConfig(instanceIds: string[], patch: RuntimeConfigPatch, audit: AuditContext) {
    this.requireDeclared();
    const atMs = this.clock.nowMs();
    // Check everything that could refuse the change before storing it: stored means applied.
    if (this.source.outageMessage !== null) await this.source.ping();
    asInvalidRequest(() => this.source.assertInstancesExist(instanceIds));
    await withAudit(
      this.db,
      {
        ...audit,
        action: "runtime-config.apply",
        entityType: "instance",
        entityId: instanceIds.length === 1 ? instanceIds[0] : null,
      },
      async (tx) => {
        await insertConfigEvents(
          tx,
          instanceIds.map((instanceId) => ({ instanceId, atMs, patch })),
        );
        return { result: null, after: { instanceIds, patch, atMs } };
      },
    );
    await this.source.applyRuntimeConfig(instanceIds, patch, atMs);
    return { atMs, instances: instanceIds.length };
  }

  /**
   * Stores and applies config the rollout controller set, each from its own moment (an instance
   * picks its config up a little after it is written). Not audited here: the rollout step that
   * wrote it is.
   */
  async recordDesiredConfigs(writes: readonly { instanceId: string; patch: ChangePatch; atMs: number }[]) {
    this.requireDeclared();
    if (this.source.outageMessage !== null) await this.source.ping();
    asInvalidRequest(() => this.source.assertInstancesExist(writes.map((w) => w.instanceId)));
    await this.db.transaction((tx) => insertConfigEvents(tx, writes));
    for (const write of writes) await this.source.applyRuntimeConfig([write.instanceId], write.patch, write.atMs);
  }
}

export async function openDemoControl(
  db: Database,
  config: ServerConfig,
  declared = true,
  givenClock?: Clock,
): Promise<DemoControl> {
  const [storedEvents, storedFaults, latestChangeMs] = await Promise.all([
    listConfigEvents(db),
    listFaults(db),
    latestChangeActivityMs(db),
  ]);
  const configEvents: DemoConfigEvent[] = storedEvents.map((event) => ({
    atMs: event.atMs,
    instanceIds: [event.instanceId],
    patch: event.patch,
  }));
  // A fast demo clock runs ahead of the wall clock; resuming from the latest stored instant (of the
  // demo's own history and of the rollouts' records) keeps demo time from running backwards across
  // a restart (and stored changes in force).
  const latestStoredMs = [
    ...storedEvents.map((e) => e.atMs),
    ...storedFaults.map((f) => f.endAtMs ?? f.startAtMs),
  ].reduce((latest, atMs) => Math.max(latest, atMs), latestChangeMs ?? 0);
  const clock =
    givenClock ??
    createScaledClock({
      originMs: Math.max(Date.now(), latestStoredMs),
      speed: config.FLEETDECK_DEMO_SPEED,
    });
  const source = createDemoFleet({
    seed: config.FLEETDECK_DEMO_SEED,
    ...(config.FLEETDECK_DEMO_INSTANCES ? { targetInstances: config.FLEETDECK_DEMO_INSTANCES } : {}),
    configEvents,
    faults: storedFaults.map(fromStoredFault),
    // Profile captures happen "now" in demo time, as the metrics do.
    clock,
  });
  return new DemoControl(source, clock, db, declared);
}

function toStoredFault(fault: DemoFault): StoredFault {
  return {
    id: fault.id,
    kind: fault.kind,
    target: fault.target,
    startAtMs: fault.startMs,
    endAtMs: fault.endMs,
    severity: fault.severity,
  };
}

function fromStoredFault(stored: StoredFault): DemoFault {
  return DemoFault.parse({
    id: stored.id,
    kind: stored.kind,
    target: stored.target,
    startMs: stored.startAtMs,
    endMs: stored.endAtMs,
    severity: stored.severity,
  });
}

/** The demo fleet validates its own input; its complaints are the caller's mistake, not ours. */
function asInvalidRequest<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ZodError) {
      throw new InvalidRequestError(error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "));
    }
    if (error instanceof Error) throw new InvalidRequestError(error.message);
    throw error;
  }
}
