import { beforeAll, describe, expect, it } from "vitest";
import { type AuditEntry, appendAudit, type NewAuditEntry, queryAudit, queryAuditFacets } from "./audit-log.ts";
import type { Database } from "./database.ts";
import { upsertFault } from "./demo-state.ts";
import { useMigratedTestDatabase } from "./test-database.ts";

describe("audit log", () => {
  let db: Database;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  const faultInjected: NewAuditEntry = {
    actor: "alice",
    actorKind: "user",
    action: "demo-fault.inject",
    entityType: "demo-fault",
    entityId: "fault-1",
    ip: "192.0.2.7",
    requestId: "req-1",
    after: { kind: "memory-leak", severity: 0.5 },
  };

  async function entriesWithAction(action: string): Promise<AuditEntry[]> {
    return (await queryAudit(db, { action, limit: 100 })).entries;
  }

  it("stores an entry as given, with the database's time and outcome ok by default", async () => {
    const before = Date.now();
    const appended = await appendAudit(db, faultInjected);
    expect(appended).toEqual({
      id: expect.any(Number),
      atMs: expect.any(Number),
      actor: "alice",
      actorKind: "user",
      action: "demo-fault.inject",
      entityType: "demo-fault",
      entityId: "fault-1",
      ip: "192.0.2.7",
      requestId: "req-1",
      before: null,
      after: { kind: "memory-leak", severity: 0.5 },
      outcome: "ok",
    });
    expect(appended.atMs).toBeGreaterThanOrEqual(before - 60_000);
    expect(await entriesWithAction("demo-fault.inject")).toEqual([appended]);
  });

  describe("is append-only, enforced by the database", () => {
    const statements = [
      ["UPDATE", "update audit_log set actor = 'mallory' where id = $1"],
      ["DELETE", "delete from audit_log where id = $1"],
    ] as const;

    for (const [operation, sql] of statements) {
      it(`refuses ${operation} and leaves the entry as it was`, async () => {
        const appended = await appendAudit(db, { ...faultInjected, action: `tamper-${operation}` });
        await expect(db.query(sql, [appended.id])).rejects.toThrow(
          `audit_log is append-only: ${operation} is not allowed`,
        );
        await expect(db.query(sql, [appended.id])).rejects.toMatchObject({ code: "42501" });
        expect(await entriesWithAction(`tamper-${operation}`)).toEqual([appended]);
      });
    }

    it("refuses UPDATE and DELETE even when they match no entry", async () => {
      await expect(db.query("delete from audit_log where id < 0")).rejects.toThrow(/append-only/);
      await expect(db.query("update audit_log set outcome = 'ok' where id < 0")).rejects.toThrow(/append-only/);
    });

    it("refuses TRUNCATE", async () => {
      const appended = await appendAudit(db, { ...faultInjected, action: "tamper-TRUNCATE" });
      await expect(db.query("truncate audit_log")).rejects.toThrow("audit_log is append-only: TRUNCATE is not allowed");
      expect(await entriesWithAction("tamper-TRUNCATE")).toEqual([appended]);
    });
  });

  it("commits with the change it records, and vanishes with it when the transaction rolls back", async () => {
    const fault = { id: "fault-tx", kind: "memory-leak", target: {}, startAtMs: 1_000, endAtMs: null, severity: 1 };
    await expect(
      db.transaction(async (tx) => {
        await upsertFault(tx, fault);
        await appendAudit(tx, { ...faultInjected, action: "tx-test", entityId: fault.id });
        throw new Error("step failed after the audit row");
      }),
    ).rejects.toThrow("step failed after the audit row");
    expect(await entriesWithAction("tx-test")).toEqual([]);
    expect(await db.query("select id from demo_faults where id = $1", [fault.id])).toEqual([]);

    await db.transaction(async (tx) => {
      await upsertFault(tx, fault);
      await appendAudit(tx, { ...faultInjected, action: "tx-test", entityId: fault.id });
    });
    expect(await entriesWithAction("tx-test")).toHaveLength(1);
    expect(await db.query("select id from demo_faults where id = $1", [fault.id])).toEqual([{ id: fault.id }]);
  });

  describe("queries", () => {
    let seeded: AuditEntry[];

    beforeAll(async () => {
      seeded = [];
      for (const [index, actor] of ["alice", "bob", "alice", "carol", "alice"].entries()) {
        seeded.push(
          await appendAudit(db, {
            actor,
            actorKind: "user",
            action: index % 2 === 0 ? "query-test.create" : "query-test.delete",
            entityType: "query-test",
            entityId: `entity-${index % 3}`,
            outcome: index === 4 ? "denied" : "ok",
          }),
        );
      }
    });

    const newestFirst = (entries: AuditEntry[]) => [...entries].reverse();

    it("filter by actor, action and entity, combined", async () => {
      const byAlice = await queryAudit(db, { actor: "alice", entityType: "query-test", limit: 10 });
      expect(byAlice).toEqual({
        entries: newestFirst(seeded.filter((entry) => entry.actor === "alice")),
        nextBeforeId: null,
      });
      const deletes = await queryAudit(db, { action: "query-test.delete", limit: 10 });
      expect(deletes.entries.map((entry) => entry.actor)).toEqual(["carol", "bob"]);
      const entity = await queryAudit(db, { entityType: "query-test", entityId: "entity-1", limit: 10 });
      expect(entity.entries).toEqual(newestFirst([seeded[1], seeded[4]].filter((entry) => entry !== undefined)));
    });

    it("page newest first by id until the last page says there is no more", async () => {
      const first = await queryAudit(db, { entityType: "query-test", limit: 2 });
      expect(first.entries).toEqual([seeded[4], seeded[3]]);
      expect(first.nextBeforeId).toBe(seeded[3]?.id);
      const second = await queryAudit(db, { entityType: "query-test", limit: 2, beforeId: first.nextBeforeId ?? 0 });
      expect(second.entries).toEqual([seeded[2], seeded[1]]);
      const third = await queryAudit(db, { entityType: "query-test", limit: 2, beforeId: second.nextBeforeId ?? 0 });
      expect(third).toEqual({ entries: [seeded[0]], nextBeforeId: null });
    });

    it("filter by time, from inclusive to exclusive", async () => {
      const atMs = seeded[0]?.atMs ?? 0;
      expect((await queryAudit(db, { entityType: "query-test", fromMs: atMs, limit: 10 })).entries).toHaveLength(5);
      expect((await queryAudit(db, { entityType: "query-test", toMs: atMs, limit: 10 })).entries).toEqual([]);
      expect((await queryAudit(db, { entityType: "query-test", fromMs: atMs + 3_600_000, limit: 10 })).entries).toEqual(
        [],
      );
    });

    it("filter by action prefix, where % and _ in the prefix match only themselves", async () => {
      for (const action of [
        "prefix-test.create",
        "prefix-test.disable",
        "prefix-testing.create",
        "prefix%test.x",
        "prefix_test.y",
      ]) {
        await appendAudit(db, { actor: "dave", actorKind: "user", action, entityType: "prefix-test" });
      }
      const actionsStartingWith = async (actionPrefix: string) =>
        (await queryAudit(db, { actionPrefix, entityType: "prefix-test", limit: 10 })).entries
          .map((entry) => entry.action)
          .sort();
      expect(await actionsStartingWith("prefix-test.")).toEqual(["prefix-test.create", "prefix-test.disable"]);
      expect(await actionsStartingWith("prefix-test")).toEqual([
        "prefix-test.create",
        "prefix-test.disable",
        "prefix-testing.create",
      ]);
      expect(await actionsStartingWith("prefix%")).toEqual(["prefix%test.x"]);
      expect(await actionsStartingWith("prefix_")).toEqual(["prefix_test.y"]);
      expect(await actionsStartingWith("prefix\\")).toEqual([]);
      expect(await actionsStartingWith("prefix-test.disable")).toEqual(["prefix-test.disable"]);
    });

    it("refuse a page size out of range", async () => {
      await expect(queryAudit(db, { limit: 0 })).rejects.toThrow("An audit page holds 1 to 1000 entries");
      await expect(queryAudit(db, { limit: 1_001 })).rejects.toThrow("An audit page holds 1 to 1000 entries");
    });
  });

  describe("facets", () => {
    let facetsDb: Database;
    useMigratedTestDatabase((opened) => {
      facetsDb = opened;
    });

    it("list each distinct actor, action and entity type once, most recently seen first, bounded", async () => {
      const entries: [string, string, string][] = [
        ["alice", "user.create", "user"],
        ["bob", "session.login", "session"],
        ["alice", "demo-fault.inject", "demo-fault"],
        ["carol", "session.login", "session"],
      ];
      for (const [actor, action, entityType] of entries) {
        await appendAudit(facetsDb, { actor, actorKind: "user", action, entityType });
      }
      expect(await queryAuditFacets(facetsDb, { limitPerFacet: 10 })).toEqual({
        actors: ["carol", "alice", "bob"],
        actions: ["session.login", "demo-fault.inject", "user.create"],
        entityTypes: ["session", "demo-fault", "user"],
      });
      expect(await queryAuditFacets(facetsDb, { limitPerFacet: 2 })).toEqual({
        actors: ["carol", "alice"],
        actions: ["session.login", "demo-fault.inject"],
        entityTypes: ["session", "demo-fault"],
      });
      await expect(queryAuditFacets(facetsDb, { limitPerFacet: 0 })).rejects.toThrow(
        "limitPerFacet must be a positive",
      );
    });
  });
});
