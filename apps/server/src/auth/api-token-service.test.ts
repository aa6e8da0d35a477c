import { createUser, type Database, queryAudit, setDisabled, setUserRoles, type User } from "@fleetdeck/db";
import { useMigratedTestDatabase } from "@fleetdeck/db/testing";
import { beforeEach, describe, expect, it } from "vitest";
import type { AuditContext } from "../audit/audit-writer.ts";
import { InvalidRequestError, NotFoundError } from "../infra/errors.ts";
import { ApiTokenService } from "./api-token-service.ts";
import { hashToken } from "./tokens.ts";

const t0 = 1_700_000_000_000;

describe("ApiTokenService", () => {
  let db: Database;
  let owner: User;
  let nowMs: number;
  let service: ApiTokenService;
  const byOwner: AuditContext = { actor: "ci-owner", actorKind: "user", ip: "192.0.2.7", requestId: "req-1" };

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    nowMs = t0;
    await db.query("delete from users");
    owner = await createUser(db, {
      username: "ci-owner",
      displayName: "CI owner",
      passwordHash: null,
      roles: ["viewer", "operator"],
      atMs: t0,
    });
    service = new ApiTokenService(db, { clock: { nowMs: () => nowMs } });
  });

  const create = (overrides: Partial<Parameters<ApiTokenService["create"]>[0]> = {}) =>
    service.create({ userId: owner.id, name: "deploy pipeline", roles: ["viewer", "operator"], ...overrides }, byOwner);

  it("shows the token once and stores only its SHA-256", async () => {
    const { token, apiToken } = await create();
    expect(token).toMatch(/^fdk_[A-Za-z0-9_-]{43}$/);
    const stored = await db.query<Record<string, unknown>>("select * from api_tokens");
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));
    expect(await service.list(owner.id)).toEqual([apiToken]);
    expect(JSON.stringify(apiToken)).not.toContain(token.slice(4));
    const [audited] = (await queryAudit(db, { action: "api-token.create", entityId: apiToken.id, limit: 1 })).entries;
    expect(audited).toMatchObject({ actor: "ci-owner", ip: "192.0.2.7", after: { name: "deploy pipeline" } });
    expect(JSON.stringify(audited)).not.toContain(token.slice(4));
  });

  it("resolves a Bearer header to its owner with the token's roles", async () => {
    const { token, apiToken } = await service.create(
      { userId: owner.id, name: "read-only dashboard", roles: ["viewer"] },
      byOwner,
    );
    const identity = {
      kind: "token",
      userId: owner.id,
      username: "ci-owner",
      roles: ["viewer"],
      tokenId: apiToken.id,
      mustChangePassword: false,
    };
    expect(await service.resolveBearer(`Bearer ${token}`)).toEqual(identity);
    expect(await service.resolveBearer(`bearer  ${token}`)).toEqual(identity);
    expect((await service.list(owner.id))[0]?.lastUsedAtMs).toBe(t0);
  });

  it("ignores headers that do not carry a Fleetdeck token", async () => {
    const { token } = await create();
    for (const header of [
      undefined,
      "",
      token,
      `Basic ${token}`,
      "Bearer fdk_unknown",
      "Bearer not-ours",
      `Bearer ${token} x`,
    ]) {
      expect(await service.resolveBearer(header)).toBeNull();
    }
  });

  it("refuses a revoked token, and records the revocation once", async () => {
    const { token, apiToken } = await create();
    expect(await service.revoke(apiToken.id, byOwner, { ownerUserId: owner.id })).toBe(true);
    expect(await service.resolveBearer(`Bearer ${token}`)).toBeNull();
    expect(await service.revoke(apiToken.id, byOwner)).toBe(false);
    const revocations = (await queryAudit(db, { action: "api-token.revoke", entityId: apiToken.id, limit: 10 }))
      .entries;
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ before: { revokedAtMs: null }, after: { revokedAtMs: t0 } });
  });

  it("lets a user revoke only tokens of their own", async () => {
    const { apiToken } = await create();
    await expect(service.revoke(apiToken.id, byOwner, { ownerUserId: "someone-else" })).rejects.toThrow(NotFoundError);
    await expect(service.revoke("no-such-token", byOwner)).rejects.toThrow(NotFoundError);
    expect((await service.list(owner.id))[0]?.revokedAtMs).toBeNull();
  });

  it("never grants more than the owner holds now", async () => {
    const { token } = await create();
    await setUserRoles(db, owner.id, ["viewer", "admin"], t0);
    expect((await service.resolveBearer(`Bearer ${token}`))?.roles).toEqual(["viewer"]);
    await setUserRoles(db, owner.id, ["admin"], t0);
    expect(await service.resolveBearer(`Bearer ${token}`)).toBeNull();
  });

  it("refuses to create a token with a role its owner does not hold", async () => {
    await expect(create({ roles: ["viewer", "admin"] })).rejects.toThrow(
      new InvalidRequestError("ci-owner does not hold the role(s) admin"),
    );
    await expect(create({ roles: [] })).rejects.toThrow("Give the token at least one role");
    await expect(create({ name: "  " })).rejects.toThrow("Name the token in 1 to 100 characters");
    await expect(create({ userId: "nobody" })).rejects.toThrow(NotFoundError);
    expect(await service.list(owner.id)).toEqual([]);
  });

  it("refuses an expired token and a disabled owner's", async () => {
    const expiring = await create({ expiresAtMs: t0 + 60_000 });
    const plain = await create();
    await expect(create({ expiresAtMs: t0 })).rejects.toThrow("The expiry must be in the future");
    nowMs = t0 + 60_000;
    expect(await service.resolveBearer(`Bearer ${expiring.token}`)).toBeNull();
    expect(await service.resolveBearer(`Bearer ${plain.token}`)).not.toBeNull();
    await setDisabled(db, owner.id, true, nowMs);
    expect(await service.resolveBearer(`Bearer ${plain.token}`)).toBeNull();
  });
});
