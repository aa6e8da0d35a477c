import { beforeEach, describe, expect, it } from "vitest";
import {
  type ChangeWrite,
  compareAndSetChange,
  getChange,
  insertChange,
  insertComment,
  listChanges,
  listComments,
  listDueChanges,
  listExpiringChanges,
  type NewStoredChange,
  oneActiveRolloutPerServiceIndex,
  type StoredChange,
} from "./change-requests.ts";
import type { Database } from "./database.ts";
import { finishRolloutStep, listRolloutSteps, startRolloutStep } from "./rollout-steps.ts";
import { useMigratedTestDatabase } from "./test-database.ts";
import { createUser, type User } from "./users.ts";

const t0 = 1_700_000_000_000;

describe("change requests", () => {
  let db: Database;
  let author: User;
  let reviewer: User;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    await db.query("delete from change_requests");
    await db.query("delete from users");
    const user = (username: string) =>
      createUser(db, { username, displayName: username, passwordHash: null, roles: ["operator"], atMs: t0 });
    author = await user("proposer");
    reviewer = await user("reviewer");
  });

  const newChange = (overrides: Partial<NewStoredChange> = {}): NewStoredChange => ({
    id: `chg-${Math.random().toString(36).slice(2, 10)}`,
    state: "draft",
    serviceId: "checkout",
    title: "GOGC=200 for checkout",
    authorId: author.id,
    record: { content: { patch: { gogc: 200 } }, approvals: [] },
    expiresAtMs: null,
    createdAtMs: t0,
    ...overrides,
  });

  const writeOf = (change: StoredChange, overrides: Partial<ChangeWrite> = {}): ChangeWrite => ({
    id: change.id,
    expectedVersion: change.version,
    state: change.state,
    title: change.title,
    record: change.record,
    rollout: change.rollout,
    dueAtMs: change.dueAtMs,
    expiresAtMs: change.expiresAtMs,
    updatedAtMs: change.updatedAtMs,
    ...overrides,
  });

  it("stores a change at version 1 with a number people can say, and reads it back as written", async () => {
    const first = await insertChange(db, newChange());
    const second = await insertChange(db, newChange({ title: "GOMEMLIMIT for search", serviceId: "search" }));
    expect(first).toMatchObject({ version: 1, state: "draft", serviceId: "checkout", authorId: author.id });
    expect(second.number).toBe(first.number + 1);
    expect(await getChange(db, first.id)).toEqual(first);
    expect(await getChange(db, "chg-none")).toBeNull();
  });

  it("writes a transition only on the version read, and bumps the version by one", async () => {
    const created = await insertChange(db, newChange());
    const submitted = await compareAndSetChange(
      db,
      writeOf(created, { state: "pending_approval", expiresAtMs: t0 + 86_400_000, updatedAtMs: t0 + 1 }),
    );
    expect(submitted).toMatchObject({ version: 2, state: "pending_approval", expiresAtMs: t0 + 86_400_000 });
    // A writer that read version 1 lost: nothing changes.
    expect(await compareAndSetChange(db, writeOf(created, { state: "cancelled" }))).toBeNull();
    expect((await getChange(db, created.id))?.state).toBe("pending_approval");
  });

  it("lets exactly one of many concurrent writers of the same version win", async () => {
    const created = await insertChange(db, newChange({ state: "pending_approval" }));
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        compareAndSetChange(
          db,
          writeOf(created, { state: "approved", record: { approvedBy: `approver-${i}` }, updatedAtMs: t0 + i }),
        ),
      ),
    );
    const winners = outcomes.filter((outcome) => outcome !== null);
    expect(winners).toHaveLength(1);
    const stored = await getChange(db, created.id);
    expect(stored?.version).toBe(2);
    expect(stored?.record).toEqual(winners[0]?.record);
  });

  it("refuses a second active rollout of one service, whatever the order of writers", async () => {
    const one = await insertChange(db, newChange({ state: "approved" }));
    const two = await insertChange(db, newChange({ state: "approved" }));
    const other = await insertChange(db, newChange({ state: "approved", serviceId: "search" }));
    await compareAndSetChange(db, writeOf(one, { state: "rolling", rollout: { stageIndex: 0 }, dueAtMs: t0 }));
    await expect(compareAndSetChange(db, writeOf(two, { state: "rolling" }))).rejects.toThrow(
      oneActiveRolloutPerServiceIndex,
    );
    expect(await compareAndSetChange(db, writeOf(other, { state: "rolling" }))).not.toBeNull();
    // Paused and rolling back still hold the service; completed frees it.
    const paused = await compareAndSetChange(
      db,
      writeOf((await getChange(db, one.id)) as StoredChange, { state: "paused" }),
    );
    await expect(compareAndSetChange(db, writeOf(two, { state: "rolling" }))).rejects.toThrow(
      oneActiveRolloutPerServiceIndex,
    );
    await compareAndSetChange(db, writeOf(paused as StoredChange, { state: "completed", dueAtMs: null }));
    expect(await compareAndSetChange(db, writeOf(two, { state: "rolling" }))).not.toBeNull();
  });

  it("lists newest first by state and service, and finds what is due and what expires", async () => {
    const draft = await insertChange(db, newChange({ createdAtMs: t0 }));
    const pending = await insertChange(
      db,
      newChange({ state: "pending_approval", createdAtMs: t0 + 10, expiresAtMs: t0 + 50 }),
    );
    const search = await insertChange(db, newChange({ serviceId: "search", createdAtMs: t0 + 20 }));
    expect((await listChanges(db, { limit: 10 })).map((c) => c.id)).toEqual([search.id, pending.id, draft.id]);
    expect((await listChanges(db, { limit: 10, states: ["pending_approval"] })).map((c) => c.id)).toEqual([pending.id]);
    expect((await listChanges(db, { limit: 10, serviceId: "checkout" })).map((c) => c.id)).toEqual([
      pending.id,
      draft.id,
    ]);
    expect(await listChanges(db, { limit: 1 })).toHaveLength(1);

    await compareAndSetChange(db, writeOf(draft, { state: "rolling", dueAtMs: t0 + 100 }));
    expect(await listDueChanges(db, t0 + 99, 10)).toEqual([]);
    expect((await listDueChanges(db, t0 + 100, 10)).map((c) => c.id)).toEqual([draft.id]);
    expect(await listExpiringChanges(db, t0 + 49, 10)).toEqual([]);
    expect((await listExpiringChanges(db, t0 + 50, 10)).map((c) => c.id)).toEqual([pending.id]);
  });

  it("keeps comments in order with their authors' names, and refuses an empty one", async () => {
    const change = await insertChange(db, newChange());
    await insertComment(db, { changeId: change.id, authorId: reviewer.id, body: "Why 200?", createdAtMs: t0 + 1 });
    await insertComment(db, { changeId: change.id, authorId: author.id, body: "Halves GC CPU.", createdAtMs: t0 + 2 });
    const comments = await listComments(db, change.id);
    expect(comments.map((c) => [c.authorUsername, c.body])).toEqual([
      ["reviewer", "Why 200?"],
      ["proposer", "Halves GC CPU."],
    ]);
    await expect(
      insertComment(db, { changeId: change.id, authorId: author.id, body: "", createdAtMs: t0 }),
    ).rejects.toThrow();
  });

  it("takes each rollout step once: a second start of the same step is refused, and it finishes once", async () => {
    const change = await insertChange(db, newChange({ state: "rolling" }));
    const step = { changeId: change.id, seq: 0, kind: "apply", stageIndex: 0, request: { writes: 1 }, atMs: t0 };
    const started = await startRolloutStep(db, step);
    expect(started).toMatchObject({ seq: 0, kind: "apply", outcome: null, finishedAtMs: null });
    await expect(startRolloutStep(db, { ...step, request: { writes: 2 } })).rejects.toThrow();
    expect(await finishRolloutStep(db, { changeId: change.id, seq: 0, outcome: { applied: 1 }, atMs: t0 + 5 })).toBe(
      true,
    );
    expect(await finishRolloutStep(db, { changeId: change.id, seq: 0, outcome: { applied: 9 }, atMs: t0 + 6 })).toBe(
      false,
    );
    const steps = await listRolloutSteps(db, change.id);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ request: { writes: 1 }, outcome: { applied: 1 }, finishedAtMs: t0 + 5 });
  });
});
