import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "./database.ts";
import {
  type DemoFault,
  endFault,
  insertConfigEvents,
  listConfigEvents,
  listFaults,
  type NewDemoConfigEvent,
  upsertFault,
} from "./demo-state.ts";
import { useMigratedTestDatabase } from "./test-database.ts";

describe("demo state", () => {
  let db: Database;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    await db.query("truncate demo_config_events, demo_faults");
  });

  describe("config events", () => {
    it("round-trip in time order, ties kept in insertion order, to the millisecond", async () => {
      const events: NewDemoConfigEvent[] = [
        { instanceId: "checkout-7f9c-0", atMs: 1_700_000_000_789, patch: { gogc: 50 } },
        { instanceId: "checkout-7f9c-1", atMs: 1_700_000_000_123, patch: { memoryLimitBytes: 512 * 2 ** 20 } },
        { instanceId: "checkout-7f9c-0", atMs: 1_700_000_000_123, patch: { gogc: 200, gomaxprocs: 4 } },
      ];
      await insertConfigEvents(db, events);
      const stored = await listConfigEvents(db);
      expect(stored.map(({ id: _id, ...event }) => event)).toEqual([events[1], events[2], events[0]]);
      const [earlier, later] = stored;
      expect(typeof earlier?.id).toBe("number");
      expect(earlier?.id).toBeLessThan(later?.id ?? 0);
    });

    it("accepts an empty batch", async () => {
      await insertConfigEvents(db, []);
      expect(await listConfigEvents(db)).toEqual([]);
    });

    it("vanish with a transaction that rolls back", async () => {
      await expect(
        db.transaction(async (tx) => {
          await insertConfigEvents(tx, [{ instanceId: "cart-0", atMs: 1_000, patch: { gogc: 80 } }]);
          throw new Error("rollout step failed");
        }),
      ).rejects.toThrow("rollout step failed");
      expect(await listConfigEvents(db)).toEqual([]);
    });

    it("refuses a time that is not a number of milliseconds", async () => {
      await expect(
        insertConfigEvents(db, [{ instanceId: "cart-0", atMs: Number.NaN, patch: { gogc: 80 } }]),
      ).rejects.toThrow("NaN is not a time in epoch milliseconds");
    });
  });

  describe("faults", () => {
    const leak: DemoFault = {
      id: "fault-leak-1",
      kind: "memory-leak",
      target: { instanceIds: ["checkout-7f9c-0", "checkout-7f9c-1"] },
      startAtMs: 1_700_000_100_001,
      endAtMs: null,
      severity: 0.75,
    };
    const spike: DemoFault = {
      id: "fault-spike-1",
      kind: "allocation-spike",
      target: { serviceId: "search" },
      startAtMs: 1_700_000_000_500,
      endAtMs: 1_700_000_060_500,
      severity: 2.5,
    };

    it("round-trip, ordered by start time", async () => {
      await upsertFault(db, leak);
      await upsertFault(db, spike);
      expect(await listFaults(db)).toEqual([spike, leak]);
    });

    it("are replaced by an upsert with the same id", async () => {
      await upsertFault(db, leak);
      const stronger = { ...leak, severity: 1.5, target: { serviceId: "checkout" } };
      await upsertFault(db, stronger);
      expect(await listFaults(db)).toEqual([stronger]);
    });

    it("end at the given time, and say when there was nothing to end", async () => {
      await upsertFault(db, leak);
      expect(await endFault(db, leak.id, 1_700_000_200_999)).toBe(true);
      expect(await endFault(db, "no-such-fault", 1_700_000_200_999)).toBe(false);
      expect(await listFaults(db)).toEqual([{ ...leak, endAtMs: 1_700_000_200_999 }]);
    });
  });
});
