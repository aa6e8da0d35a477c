import { beforeEach, describe, expect, it } from "vitest";
import {
  findActiveApiTokenByHash,
  findApiTokenById,
  insertApiToken,
  listAllApiTokens,
  listApiTokensForUser,
  type NewApiToken,
  revokeApiToken,
  touchApiToken,
} from "./api-tokens.ts";
import type { Database } from "./database.ts";
import { useMigratedTestDatabase } from "./test-database.ts";
import { createUser, type User } from "./users.ts";

const t0 = 1_700_000_000_000;

describe("API tokens", () => {
  let db: Database;
  let owner: User;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    await db.query("delete from users");
    owner = await createUser(db, {
      username: "ci-bot",
      displayName: "CI",
      passwordHash: null,
      roles: ["viewer", "operator"],
      atMs: t0,
    });
  });

  const tokenOf = (tokenHash: string, overrides: Partial<NewApiToken> = {}): NewApiToken => ({
    userId: owner.id,
    name: "deploy pipeline",
    tokenHash,
    roles: ["viewer", "operator"],
    createdAtMs: t0,
    expiresAtMs: null,
    ...overrides,
  });

  it("round-trip without their hash, joined with their owner", async () => {
    const inserted = await insertApiToken(db, tokenOf("hash-1"));
    expect(inserted).toEqual({
      id: expect.any(String),
      userId: owner.id,
      name: "deploy pipeline",
      roles: ["operator", "viewer"],
      createdAtMs: t0,
      lastUsedAtMs: null,
      expiresAtMs: null,
      revokedAtMs: null,
    });
    expect(await findActiveApiTokenByHash(db, "hash-1", t0 + 1)).toEqual({ apiToken: inserted, owner });
    expect(await findApiTokenById(db, inserted.id)).toEqual(inserted);
    expect(await findActiveApiTokenByHash(db, "hash-2", t0 + 1)).toBeNull();
  });

  it("refuse a duplicate hash, an unknown role and an empty role list", async () => {
    await insertApiToken(db, tokenOf("hash-1"));
    await expect(insertApiToken(db, tokenOf("hash-1"))).rejects.toThrow(/token_hash/);
    await expect(insertApiToken(db, tokenOf("hash-2", { roles: ["root"] }))).rejects.toThrow(/api_tokens_roles_check/);
    await expect(insertApiToken(db, tokenOf("hash-3", { roles: [] }))).rejects.toThrow(/api_tokens_roles_check/);
  });

  it("stop working when they expire or are revoked", async () => {
    const expiring = await insertApiToken(db, tokenOf("expiring", { expiresAtMs: t0 + 1_000 }));
    expect(await findActiveApiTokenByHash(db, "expiring", t0 + 999)).not.toBeNull();
    expect(await findActiveApiTokenByHash(db, "expiring", t0 + 1_000)).toBeNull();
    const revoked = await insertApiToken(db, tokenOf("revoked", { createdAtMs: t0 + 1 }));
    expect(await revokeApiToken(db, revoked.id, t0 + 5)).toBe(true);
    expect(await revokeApiToken(db, revoked.id, t0 + 6)).toBe(false);
    expect(await findActiveApiTokenByHash(db, "revoked", t0 + 7)).toBeNull();
    expect(await listApiTokensForUser(db, owner.id)).toEqual([{ ...revoked, revokedAtMs: t0 + 5 }, expiring]);
  });

  it("record when they were last used", async () => {
    const token = await insertApiToken(db, tokenOf("hash-1"));
    expect(await touchApiToken(db, token.id, t0 + 60_000)).toBe(true);
    expect((await findApiTokenById(db, token.id))?.lastUsedAtMs).toBe(t0 + 60_000);
    expect(await touchApiToken(db, "no-such-token", t0)).toBe(false);
  });

  it("list the newest first", async () => {
    const older = await insertApiToken(db, tokenOf("hash-1", { name: "older" }));
    const newer = await insertApiToken(db, tokenOf("hash-2", { name: "newer", createdAtMs: t0 + 1 }));
    expect(await listApiTokensForUser(db, owner.id)).toEqual([newer, older]);
    expect(await listApiTokensForUser(db, "no-such-user")).toEqual([]);
  });

  it("list everyone's, newest first, with the owner's username", async () => {
    const other = await createUser(db, {
      username: "Dana",
      displayName: "Dana",
      passwordHash: null,
      roles: [],
      atMs: t0,
    });
    const owners = await insertApiToken(db, tokenOf("hash-1"));
    const danas = await insertApiToken(db, tokenOf("hash-2", { userId: other.id, createdAtMs: t0 + 1 }));
    await revokeApiToken(db, owners.id, t0 + 2);
    expect(await listAllApiTokens(db)).toEqual([
      { ...danas, ownerUsername: "Dana" },
      { ...owners, revokedAtMs: t0 + 2, ownerUsername: "ci-bot" },
    ]);
  });
});
