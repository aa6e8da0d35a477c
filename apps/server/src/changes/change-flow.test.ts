import type { ChangeContent, RolloutProgress, RolloutStep } from "@fleetdeck/core";
import { createUser, listRolloutSteps, queryAudit } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../auth/identity.ts";
import { createTestPasswordHasher } from "../auth/test-password-hasher.ts";
import { loadServerConfig } from "../config/config.ts";
import { type CreatedServices, createServices } from "../services.ts";

const origin = { ip: "127.0.0.1", requestId: "test" };

/**
 * The whole life of a change on the demo fleet, with the fleet's clock moved by hand: proposal,
 * four-eyes approval, a staged rollout carried by the controller through convergence, bakes and
 * gates, and the rollback.
 */
describe("a runtime config change from proposal to rollback", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: CreatedServices;
  let nowMs = Math.floor(Date.now() / 1000) * 1000;
  const clock = { nowMs: () => nowMs };
  let author: Identity;
  let otherOperator: Identity;
  let approver: Identity;
  let secondApprover: Identity;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadServerConfig({
      FLEETDECK_DATA_DIR: database.options.dataDir,
      FLEETDECK_DEMO_INSTANCES: "120",
      ...(database.options.databaseUrl ? { DATABASE_URL: database.options.databaseUrl } : {}),
    });
    services = await createServices(config, { passwords: createTestPasswordHasher(), demoClock: clock });
    const person = async (username: string, roles: Identity["roles"]): Promise<Identity> => {
      const user = await createUser(services.db, {
        username,
        displayName: username,
        passwordHash: null,
        roles,
        atMs: nowMs,
      });
      return { kind: "user", userId: user.id, username, roles, mustChangePassword: false };
    };
    author = await person("proposer", ["operator"]);
    otherOperator = await person("other-operator", ["operator"]);
    approver = await person("lead", ["approver"]);
    secondApprover = await person("second-lead", ["approver"]);
  });

  async function person(username: string, roles: Identity["roles"]): Promise<Identity> {
    const user = await createUser(services.db, {
      username,
      displayName: username,
      passwordHash: null,
      roles,
      atMs: nowMs,
    });
    return { kind: "user", userId: user.id, username, roles, mustChangePassword: false };
  }

  afterAll(async () => {
    await services?.close();
    await database?.destroy();
  });

  /** A service with instances in two clusters, and a GOGC 1.5 times its current one (normal risk). */
  async function proposal(title: string): Promise<{ content: ChangeContent; instanceIds: string[]; gogc: number }> {
    const inventory = await services.demo.source.inventory();
    const used = new Set((await services.changes.list({ limit: 200 })).map((c) => c.serviceId));
    const service = inventory.services.find((s) => {
      const instances = inventory.instances.filter((i) => i.serviceId === s.id);
      return !used.has(s.id) && instances.length >= 4 && typeof instances[0]?.runtimeConfig.gogc === "number";
    });
    if (!service) throw new Error("no service fits");
    const instances = inventory.instances.filter((i) => i.serviceId === service.id);
    const current = instances[0]?.runtimeConfig.gogc as number;
    const gogc = Math.round(current * 1.5);
    return {
      instanceIds: instances.map((i) => i.id).sort(),
      gogc,
      content: {
        title,
        description: "fewer GC cycles",
        patch: { gogc },
        target: { serviceId: service.id, selector: "" },
        plan: {
          stages: [
            { name: "canary", regionId: null, size: { kind: "instances", count: 1 }, bakeSeconds: 60 },
            { name: "all", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds: 60 },
          ],
          gates: [
            { metric: "gcCpuFraction", maxIncrease: 0.5, noiseFloor: 0.01 },
            { metric: "gcPauseP99", maxIncrease: 1, noiseFloor: 0.001 },
          ],
          convergenceTimeoutSeconds: 120,
        },
      },
    };
  }

  async function configsOf(serviceId: string, instanceIds: string[]) {
    return services.changes.readConfigs(serviceId, instanceIds);
  }

  /** Lets the controller work, moving the clock a second whenever it waits, until the change leaves `state`. */
  async function runWhile(id: string, state: string, maxSteps = 400): Promise<RolloutStep[]> {
    const taken: RolloutStep[] = [];
    for (let i = 0; i < maxSteps; i++) {
      const change = await services.changes.get(id);
      if (change.state !== state) return taken;
      const step = await services.rollouts.step(id);
      if (!step || step.kind === "wait") nowMs += 1_000;
      else taken.push(step);
    }
    throw new Error(`change ${id} still ${state} after ${maxSteps} looks`);
  }

  it("goes from proposal to a completed rollout with four eyes, and back by rollback", async () => {
    const { content, instanceIds, gogc } = await proposal("GOGC up by half");
    const draft = await services.changes.create(author, origin, content);
    expect(draft).toMatchObject({ state: "draft", version: 1, approvalsRequired: 1, author: "proposer" });

    const preview = await services.changes.preview(content);
    expect(preview.evaluation.blocked).toBe(false);
    expect(preview.evaluation.prediction.predictedInstanceCount).toBe(instanceIds.length);
    expect(preview.evaluation.prediction.gcCpuCoresSaved).toBeGreaterThan(0);

    const pending = await services.changes.act(author, origin, draft.id, { type: "submit" });
    expect(pending.state).toBe("pending_approval");
    // Four eyes: the author cannot approve, whatever roles they hold.
    await expect(
      services.changes.act({ ...author, roles: ["operator", "approver"] }, origin, draft.id, {
        type: "approve",
        contentHash: pending.contentHash,
      }),
    ).rejects.toThrow(/author/);
    const approved = await services.changes.act(approver, origin, draft.id, {
      type: "approve",
      contentHash: pending.contentHash,
    });
    expect(approved.state).toBe("approved");

    // Before the start, each instance's config and what the patch makes of it.
    const planned = await services.changes.instanceConfigs(draft.id);
    expect(planned.instances.map((i) => i.instanceId)).toEqual(instanceIds);
    expect(planned.instances.every((i) => i.next?.gogc === gogc && i.desired?.gogc !== gogc)).toBe(true);

    const rolling = await services.changes.act(otherOperator, origin, draft.id, { type: "start" });
    expect(rolling.state).toBe("rolling");
    const progress = rolling.rollout as RolloutProgress;
    expect(progress.batches.map((b) => b.instanceIds.length)).toEqual([1, instanceIds.length - 1]);

    const forward = await runWhile(draft.id, "rolling");
    const completed = await services.changes.get(draft.id);
    expect(completed.state, completed.stateReason ?? "").toBe("completed");
    expect(forward.map((s) => s.kind)).toEqual([
      "apply",
      "startBake",
      "evaluateGates",
      "apply",
      "startBake",
      "evaluateGates",
      "complete",
    ]);
    for (const gate of (completed.rollout as RolloutProgress).gateResults) expect(gate?.verdict).toBe("pass");
    nowMs += 10_000;
    const after = await configsOf(content.target.serviceId, instanceIds);
    expect(after.every((c) => c.observed?.gogc === gogc && c.desired?.gogc === gogc)).toBe(true);

    // Every recorded step has one finished row and one audit row.
    const steps = await listRolloutSteps(services.db, draft.id);
    expect(steps.map((s) => s.kind)).toEqual(forward.map((s) => s.kind));
    expect(steps.every((s) => s.finishedAtMs !== null)).toBe(true);
    const audit = await queryAudit(services.db, { entityType: "change", entityId: draft.id, limit: 100 });
    const controllerRows = audit.entries.filter((e) => e.actorKind === "system");
    expect(controllerRows).toHaveLength(forward.length);

    // Rollback needs no approval, and a second one is harmless.
    const back = await services.changes.act(author, origin, draft.id, { type: "rollback", reason: "latency" });
    expect(back.state).toBe("rolling_back");
    const again = await services.changes.act(otherOperator, origin, draft.id, { type: "rollback", reason: "again" });
    expect(again.unchanged).toMatch(/already rolling back/);
    await runWhile(draft.id, "rolling_back");
    expect((await services.changes.get(draft.id)).state).toBe("rolled_back");
    nowMs += 10_000;
    const restored = await configsOf(content.target.serviceId, instanceIds);
    expect(restored.every((c) => c.observed?.gogc !== gogc)).toBe(true);
  });

  it("lets many approvals race to one transition, and refuses an approval of content edited since", async () => {
    const { content } = await proposal("Race");
    const draft = await services.changes.create(author, origin, { ...content, plan: { ...content.plan } });
    const pending = await services.changes.act(author, origin, draft.id, { type: "submit" });
    const approvers = [
      approver,
      secondApprover,
      ...(await Promise.all(["third-lead", "fourth-lead"].map((n) => person(n, ["approver"])))),
    ];
    const results = await Promise.allSettled(
      approvers.map((who) =>
        services.changes.act(who, origin, draft.id, { type: "approve", contentHash: pending.contentHash }),
      ),
    );
    // As many approvals count as the change needs; the rest find it approved already.
    const accepted = results.filter((r) => r.status === "fulfilled");
    expect(accepted).toHaveLength(pending.approvalsRequired);
    for (const refused of results.filter((r) => r.status === "rejected")) {
      expect(String((refused as PromiseRejectedResult).reason)).toMatch(/approved/);
    }
    const audit = await queryAudit(services.db, { entityType: "change", entityId: draft.id, limit: 100 });
    expect(audit.entries.filter((e) => e.action === "change.approve")).toHaveLength(pending.approvalsRequired);
    const intoApproved = audit.entries.filter(
      (e) =>
        (e.before as { state?: string } | null)?.state === "pending_approval" &&
        (e.after as { state?: string } | null)?.state === "approved",
    );
    expect(intoApproved).toHaveLength(1);
    expect((await services.changes.get(draft.id)).state).toBe("approved");

    // An edit withdraws the approvals; an approval of the old content is then refused.
    const edited = await services.changes.edit(otherOperator, origin, draft.id, { ...content, title: "Race, edited" });
    expect(edited.state).toBe("pending_approval");
    expect(edited.approvals.filter((a) => a.counts)).toHaveLength(0);
    await expect(
      services.changes.act(approver, origin, draft.id, { type: "approve", contentHash: pending.contentHash }),
    ).rejects.toThrow(/edited|content/);
    // The last editor cannot approve either.
    await expect(
      services.changes.act({ ...otherOperator, roles: ["approver"] }, origin, draft.id, {
        type: "approve",
        contentHash: edited.contentHash,
      }),
    ).rejects.toThrow(/edit/);
  });

  it("holds when the config changes underneath, and never promotes while the metrics source is down", async () => {
    const { content, instanceIds } = await proposal("Underneath");
    const draft = await services.changes.create(author, origin, content);
    const pending = await services.changes.act(author, origin, draft.id, { type: "submit" });
    await services.changes.act(approver, origin, draft.id, { type: "approve", contentHash: pending.contentHash });
    const rolling = await services.changes.act(author, origin, draft.id, { type: "start" });
    const canary = (rolling.rollout as RolloutProgress).batches[0]?.instanceIds[0] as string;

    // Apply the canary, then let it converge and start its bake.
    let step = await services.rollouts.step(draft.id);
    expect(step?.kind).toBe("apply");
    for (let i = 0; i < 20 && step?.kind !== "startBake"; i++) {
      nowMs += 1_000;
      step = await services.rollouts.step(draft.id);
    }
    expect(step?.kind).toBe("startBake");

    // The metrics source goes down during the bake: the rollout waits, it does not pass the gates.
    await services.demo.setOutage("control plane maintenance", { actor: "test", actorKind: "user", ...origin });
    nowMs += 120_000;
    await expect(services.rollouts.step(draft.id)).rejects.toThrow(/maintenance/);
    expect((await services.changes.get(draft.id)).state).toBe("rolling");
    expect((await services.changes.get(draft.id)).rollout?.stageIndex).toBe(0);
    await services.demo.setOutage(null, { actor: "test", actorKind: "user", ...origin });

    // Someone changes an instance the rollout has not reached yet: the rollout holds and says why.
    const untouched = instanceIds.find((id) => id !== canary) as string;
    await services.demo.setRuntimeConfig([untouched], { gogc: 33 }, { actor: "test", actorKind: "user", ...origin });
    await runWhile(draft.id, "rolling", 10);
    const held = await services.changes.get(draft.id);
    expect(held.state).toBe("paused");
    expect(held.stateReason).toContain(untouched);

    // Abort rolls the canary back; a second abort changes nothing.
    await services.changes.act(author, origin, draft.id, { type: "abort", reason: "someone else is tuning it" });
    const second = await services.changes.act(author, origin, draft.id, { type: "abort", reason: "" });
    expect(second.unchanged).not.toBeNull();
    await runWhile(draft.id, "rolling_back");
    const rolledBack = await services.changes.get(draft.id);
    expect(rolledBack.state).toBe("rolled_back");
    nowMs += 10_000;
    const [canaryAfter, untouchedAfter] = await configsOf(content.target.serviceId, [canary, untouched]);
    expect(canaryAfter?.observed?.gogc).toBe((rolling.rollout as RolloutProgress).restore[canary]?.gogc);
    expect(untouchedAfter?.observed?.gogc).toBe(33);
  });

  it("expires: lapsed approvals stop counting, and a request not started in time expires", async () => {
    const { content } = await proposal("Slow to start");
    const draft = await services.changes.create(author, origin, content);
    const pending = await services.changes.act(author, origin, draft.id, { type: "submit" });
    for (const who of [approver, secondApprover].slice(0, pending.approvalsRequired)) {
      await services.changes.act(who, origin, draft.id, { type: "approve", contentHash: pending.contentHash });
    }
    expect((await services.changes.get(draft.id)).state).toBe("approved");
    // Other tests' changes share the database: look at this one's state, not the sweep's count.
    nowMs += 23 * 3_600_000;
    await services.rollouts.expireDue();
    expect((await services.changes.get(draft.id)).state).toBe("approved");
    // Approvals count for 24 hours: after that the change needs approving again.
    nowMs += 2 * 3_600_000;
    await services.rollouts.expireDue();
    const lapsed = await services.changes.get(draft.id);
    expect(lapsed.state).toBe("pending_approval");
    await expect(services.changes.act(author, origin, draft.id, { type: "start" })).rejects.toThrow();
    // The request itself lasts 72 hours from its submission.
    nowMs += 48 * 3_600_000;
    await services.rollouts.expireDue();
    expect((await services.changes.get(draft.id)).state).toBe("expired");
    const audit = await queryAudit(services.db, { entityType: "change", entityId: draft.id, limit: 100 });
    expect(audit.entries.filter((e) => e.actor === "expiry sweep").map((e) => e.action)).toEqual([
      "change.expire",
      "change.expire",
    ]);
  });
});
