import { type Database, queryAudit, upsertFault } from "@fleetdeck/db";
import { useMigratedTestDatabase } from "@fleetdeck/db/testing";
import { describe, expect, it } from "vitest";
import { type AuditedAction, withAudit } from "./audit-writer.ts";

describe("withAudit", () => {
  let db: Database;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  const injectFault = (id: string): AuditedAction => ({
    actor: "alice",
    actorKind: "user",
    action: "demo-fault.inject",
    entityType: "demo-fault",
    entityId: id,
    ip: "192.0.2.7",
    requestId: "req-7",
  });
  const fault = (id: string) => ({ id, kind: "memory-leak", target: {}, startAtMs: 1_000, endAtMs: null, severity: 1 });

  const faultIds = async () =>
    (await db.query<{ id: string }>("select id from demo_faults order by id")).map((row) => row.id);
  const auditOf = async (entityId: string) =>
    (await queryAudit(db, { entityType: "demo-fault", entityId, limit: 10 })).entries;

  it("commits the change and its audit row together, with before and after", async () => {
    const result = await withAudit(db, injectFault("fault-ok"), async (tx) => {
      await upsertFault(tx, fault("fault-ok"));
      return { result: "injected", before: null, after: { kind: "memory-leak" } };
    });
    expect(result).toBe("injected");
    expect(await faultIds()).toContain("fault-ok");
    expect(await auditOf("fault-ok")).toEqual([
      expect.objectContaining({
        actor: "alice",
        action: "demo-fault.inject",
        ip: "192.0.2.7",
        requestId: "req-7",
        before: null,
        after: { kind: "memory-leak" },
        outcome: "ok",
      }),
    ]);
  });

  it("records neither when the change fails", async () => {
    await expect(
      withAudit(db, injectFault("fault-failed"), async (tx) => {
        await upsertFault(tx, fault("fault-failed"));
        throw new Error("source refused the patch");
      }),
    ).rejects.toThrow("source refused the patch");
    expect(await faultIds()).not.toContain("fault-failed");
    expect(await auditOf("fault-failed")).toEqual([]);
  });

  it("records neither when the audit row cannot be written", async () => {
    await expect(
      withAudit(db, { ...injectFault("fault-unaudited"), actorKind: "robot" as "system" }, async (tx) => {
        await upsertFault(tx, fault("fault-unaudited"));
        return { result: undefined };
      }),
    ).rejects.toThrow();
    expect(await faultIds()).not.toContain("fault-unaudited");
  });

  it("takes the entity id from the change when only the change knows it", async () => {
    await withAudit(db, { ...injectFault("unknown yet"), entityId: null }, async (tx) => {
      await upsertFault(tx, fault("fault-created"));
      return { result: undefined, entityId: "fault-created" };
    });
    expect(await auditOf("fault-created")).toHaveLength(1);
  });

  it("writes no row for a change that found nothing to do", async () => {
    const result = await withAudit(db, injectFault("fault-untouched"), async () => ({
      result: false,
      unchanged: true,
    }));
    expect(result).toBe(false);
    expect(await auditOf("fault-untouched")).toEqual([]);
  });
});
