import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "./database.ts";
import {
  findOidcSessionToken,
  findUserByOidcSubject,
  insertOidcSessionToken,
  linkOidcSubject,
  recordOidcSignIn,
} from "./oidc-identities.ts";
import { deleteExpiredSessions, insertSession, revokeSession } from "./sessions.ts";
import { useMigratedTestDatabase } from "./test-database.ts";
import { createUser, type User } from "./users.ts";

const t0 = 1_700_000_000_000;
const issuer = "https://idp.example.com";

describe("OIDC identities", () => {
  let db: Database;
  let alice: User;
  let bob: User;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    await db.query("delete from users");
    const account = (username: string) => ({
      username,
      displayName: username,
      passwordHash: null,
      roles: ["viewer"],
      atMs: t0,
    });
    alice = await createUser(db, account("alice"));
    bob = await createUser(db, account("bob"));
  });

  it("finds the user by issuer and subject, never by anything else", async () => {
    await linkOidcSubject(db, { issuer, subject: "sub-alice", userId: alice.id, atMs: t0 });
    expect(await findUserByOidcSubject(db, { issuer, subject: "sub-alice" })).toEqual(alice);
    expect(await findUserByOidcSubject(db, { issuer: "https://other.example.com", subject: "sub-alice" })).toBeNull();
    expect(await findUserByOidcSubject(db, { issuer, subject: "alice" })).toBeNull();
  });

  it("links each provider account and each user at most once", async () => {
    await linkOidcSubject(db, { issuer, subject: "sub-alice", userId: alice.id, atMs: t0 });
    await expect(linkOidcSubject(db, { issuer, subject: "sub-alice", userId: bob.id, atMs: t0 })).rejects.toThrow();
    await expect(linkOidcSubject(db, { issuer, subject: "sub-other", userId: alice.id, atMs: t0 })).rejects.toThrow();
  });

  it("records the latest sign-in, and the link goes with its user", async () => {
    await linkOidcSubject(db, { issuer, subject: "sub-alice", userId: alice.id, atMs: t0 });
    await recordOidcSignIn(db, { issuer, subject: "sub-alice" }, t0 + 5_000);
    const [row] = await db.query<{ last_sign_in_at: Date }>("select last_sign_in_at from oidc_identities");
    expect(row?.last_sign_in_at.getTime()).toBe(t0 + 5_000);
    await db.query("delete from users where id = $1", [alice.id]);
    expect(await db.query("select * from oidc_identities")).toEqual([]);
  });

  it("keeps a session's ID token as long as the session row", async () => {
    await insertSession(db, {
      idHash: "session-1",
      userId: alice.id,
      createdAtMs: t0,
      idleExpiresAtMs: t0 + 1_000,
      absoluteExpiresAtMs: t0 + 2_000,
      ip: null,
      userAgent: null,
    });
    const token = { sessionIdHash: "session-1", issuer, idToken: "eyJ.header.signature" };
    await insertOidcSessionToken(db, token);
    expect(await findOidcSessionToken(db, "session-1")).toEqual(token);
    expect(await findOidcSessionToken(db, "session-2")).toBeNull();

    await revokeSession(db, "session-1", t0 + 10);
    expect(await findOidcSessionToken(db, "session-1")).toEqual(token);
    await deleteExpiredSessions(db, t0 + 10);
    expect(await findOidcSessionToken(db, "session-1")).toBeNull();
  });
});
