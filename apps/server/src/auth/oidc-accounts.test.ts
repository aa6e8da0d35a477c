import { createUser, type Database, findUserByUsername, queryAudit, setDisabled } from "@fleetdeck/db";
import { useMigratedTestDatabase } from "@fleetdeck/db/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { OidcAccounts, type OidcProfile, usernameCandidates } from "./oidc-accounts.ts";

const issuer = "https://idp.example.com";
const origin = { ip: "192.0.2.7", requestId: "req-1" };
const t0 = 1_700_000_000_000;

const profile = (overrides: Partial<OidcProfile> = {}): OidcProfile => ({
  issuer,
  subject: "sub-alice",
  preferredUsername: "alice",
  email: "alice@example.com",
  name: "Alice Liddell",
  groups: ["sre-oncall"],
  roles: ["operator"],
  ...overrides,
});

describe("usernames for provider accounts", () => {
  it("prefer preferred_username, then email, then the subject, and qualify with the provider's host", () => {
    expect(usernameCandidates(profile())).toEqual(["alice", "alice@idp.example.com"]);
    expect(usernameCandidates(profile({ preferredUsername: null }))).toEqual([
      "alice@example.com",
      "alice@example.com@idp.example.com",
    ]);
    expect(usernameCandidates(profile({ preferredUsername: " \u0007 ", email: null }))).toEqual([
      "sub-alice",
      "sub-alice@idp.example.com",
    ]);
  });

  it("stay within 128 characters", () => {
    for (const candidate of usernameCandidates(profile({ preferredUsername: "x".repeat(300) }))) {
      expect(candidate.length).toBeLessThanOrEqual(128);
    }
    expect(usernameCandidates(profile({ preferredUsername: "x".repeat(300) }))[1]).toMatch(/@idp\.example\.com$/);
  });
});

describe("OidcAccounts", () => {
  let db: Database;
  let nowMs = t0;
  let accounts: OidcAccounts;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    await db.query("delete from users");
    accounts = new OidcAccounts(db, { nowMs: () => nowMs });
  });

  it("creates an account on the first sign-in and finds it by its link afterwards, even renamed at the provider", async () => {
    const first = await accounts.accountFor(profile(), origin);
    if (!first.ok) throw new Error(first.refusal);
    expect(first.user).toMatchObject({ username: "alice", displayName: "Alice Liddell", roles: ["operator"] });
    nowMs += 1_000;
    const renamed = await accounts.accountFor(profile({ preferredUsername: "alice.l" }), origin);
    expect(renamed).toEqual({ ok: true, user: first.user });
  });

  it("takes the qualified name when a local account has the name, and refuses when both are taken", async () => {
    const local = { displayName: "Local", passwordHash: "hash", roles: ["viewer"], atMs: t0 };
    await createUser(db, { ...local, username: "Alice" });
    const second = await accounts.accountFor(profile(), origin);
    expect(second.ok && second.user.username).toBe("alice@idp.example.com");
    expect((await findUserByUsername(db, "alice"))?.passwordHash).toBe("hash");

    const third = await accounts.accountFor(profile({ subject: "sub-another-alice" }), origin);
    expect(third).toEqual({ ok: false, refusal: "username-taken" });
  });

  it("refuses a linked account an admin disabled, without changing its roles", async () => {
    const first = await accounts.accountFor(profile(), origin);
    if (!first.ok) throw new Error(first.refusal);
    await setDisabled(db, first.user.id, true, t0);
    const mark = (await queryAudit(db, { limit: 1 })).entries[0]?.id ?? 0;
    expect(await accounts.accountFor(profile({ roles: ["admin"] }), origin)).toEqual({
      ok: false,
      refusal: "account-disabled",
    });
    expect((await findUserByUsername(db, "alice"))?.user.roles).toEqual(["operator"]);
    expect((await queryAudit(db, { limit: 10 })).entries.filter((entry) => entry.id > mark)).toEqual([]);
  });
});
