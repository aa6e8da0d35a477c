import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "./database.ts";
import {
  deleteExpiredSessions,
  findActiveSession,
  insertSession,
  type NewSession,
  revokeSession,
  revokeUserSessions,
  revokeUserSessionsExcept,
  touchSession,
} from "./sessions.ts";
import { useMigratedTestDatabase } from "./test-database.ts";
import { createUser, setUserRoles, type User } from "./users.ts";

const t0 = 1_700_000_000_000;
const hourMs = 3_600_000;

describe("sessions", () => {
  let db: Database;
  let user: User;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    await db.query("delete from users");
    user = await createUser(db, {
      username: "alice",
      displayName: "Alice",
      passwordHash: null,
      roles: ["viewer"],
      atMs: t0,
    });
  });

  const sessionOf = (idHash: string): NewSession => ({
    idHash,
    userId: user.id,
    createdAtMs: t0,
    idleExpiresAtMs: t0 + 12 * hourMs,
    absoluteExpiresAtMs: t0 + 24 * hourMs,
    ip: "192.0.2.7",
    userAgent: "Firefox",
  });

  it("round-trip, joined with the user as they are now", async () => {
    const inserted = await insertSession(db, sessionOf("hash-1"));
    expect(inserted).toEqual({ ...sessionOf("hash-1"), lastSeenAtMs: t0, revokedAtMs: null });
    await setUserRoles(db, user.id, ["operator", "viewer"], t0 + 1);
    const found = await findActiveSession(db, "hash-1", t0 + hourMs);
    expect(found?.session).toEqual(inserted);
    expect(found?.user).toMatchObject({ id: user.id, username: "alice", roles: ["operator", "viewer"] });
    expect(await findActiveSession(db, "other-hash", t0 + hourMs)).toBeNull();
  });

  it("end at the idle expiry, which use moves forward, and at the absolute expiry", async () => {
    await insertSession(db, sessionOf("hash-1"));
    expect(await findActiveSession(db, "hash-1", t0 + 12 * hourMs - 1)).not.toBeNull();
    expect(await findActiveSession(db, "hash-1", t0 + 12 * hourMs)).toBeNull();
    expect(
      await touchSession(db, "hash-1", { lastSeenAtMs: t0 + 11 * hourMs, idleExpiresAtMs: t0 + 23 * hourMs }),
    ).toBe(true);
    const touched = await findActiveSession(db, "hash-1", t0 + 22 * hourMs);
    expect(touched?.session).toMatchObject({ lastSeenAtMs: t0 + 11 * hourMs, idleExpiresAtMs: t0 + 23 * hourMs });
    await touchSession(db, "hash-1", { lastSeenAtMs: t0 + 22 * hourMs, idleExpiresAtMs: t0 + 34 * hourMs });
    expect(await findActiveSession(db, "hash-1", t0 + 24 * hourMs)).toBeNull();
  });

  it("end when revoked, one or all of a user's", async () => {
    await insertSession(db, sessionOf("hash-1"));
    await insertSession(db, sessionOf("hash-2"));
    await insertSession(db, sessionOf("hash-3"));
    expect(await revokeSession(db, "hash-1", t0 + 1)).toBe(true);
    expect(await revokeSession(db, "hash-1", t0 + 2)).toBe(false);
    expect(await touchSession(db, "hash-1", { lastSeenAtMs: t0 + 3, idleExpiresAtMs: t0 + hourMs })).toBe(false);
    expect(await findActiveSession(db, "hash-1", t0 + 3)).toBeNull();
    expect(await findActiveSession(db, "hash-2", t0 + 3)).not.toBeNull();
    expect(await revokeUserSessions(db, user.id, t0 + 4)).toBe(2);
    expect(await findActiveSession(db, "hash-2", t0 + 5)).toBeNull();
    expect(await findActiveSession(db, "hash-3", t0 + 5)).toBeNull();
  });

  it("end all but the one kept, and no other user's", async () => {
    const other = await createUser(db, {
      username: "bob",
      displayName: "Bob",
      passwordHash: null,
      roles: [],
      atMs: t0,
    });
    await insertSession(db, sessionOf("kept"));
    await insertSession(db, sessionOf("ended-1"));
    await insertSession(db, sessionOf("ended-2"));
    await insertSession(db, { ...sessionOf("bobs"), userId: other.id });
    expect(await revokeUserSessionsExcept(db, user.id, "kept", t0 + 1)).toBe(2);
    expect(await findActiveSession(db, "kept", t0 + 2)).not.toBeNull();
    expect(await findActiveSession(db, "ended-1", t0 + 2)).toBeNull();
    expect(await findActiveSession(db, "ended-2", t0 + 2)).toBeNull();
    expect(await findActiveSession(db, "bobs", t0 + 2)).not.toBeNull();
  });

  it("that can no longer be used are deleted, the others kept", async () => {
    await insertSession(db, sessionOf("revoked"));
    await revokeSession(db, "revoked", t0 + 1);
    await insertSession(db, { ...sessionOf("idle"), idleExpiresAtMs: t0 + hourMs });
    await insertSession(db, sessionOf("open"));
    expect(await deleteExpiredSessions(db, t0 + 2 * hourMs)).toBe(2);
    const [{ remaining } = { remaining: [] }] = await db.query<{ remaining: string[] }>(
      "select coalesce(jsonb_agg(id_hash), '[]'::jsonb) as remaining from sessions",
    );
    expect(remaining).toEqual(["open"]);
  });

  it("vanish with their user", async () => {
    await insertSession(db, sessionOf("hash-1"));
    await db.query("delete from users where id = $1", [user.id]);
    expect(await db.query("select id_hash from sessions")).toEqual([]);
  });
});
