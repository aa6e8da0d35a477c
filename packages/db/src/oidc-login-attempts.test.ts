import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "./database.ts";
import { insertOidcLoginAttempt, type OidcLoginAttempt, takeOidcLoginAttempt } from "./oidc-login-attempts.ts";
import { useMigratedTestDatabase } from "./test-database.ts";

const t0 = 1_700_000_000_000;
const tenMinutesMs = 600_000;

const attempt = (idHash: string, createdAtMs = t0): OidcLoginAttempt => ({
  idHash,
  state: `state-${idHash}`,
  nonce: `nonce-${idHash}`,
  codeVerifier: `verifier-${idHash}`,
  redirectPath: "/settings?tab=demo",
  createdAtMs,
  expiresAtMs: createdAtMs + tenMinutesMs,
});

describe("OIDC login attempts", () => {
  let db: Database;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    await db.query("delete from oidc_login_attempts");
  });

  it("are taken once: a replayed callback finds nothing", async () => {
    await insertOidcLoginAttempt(db, attempt("a"));
    expect(await takeOidcLoginAttempt(db, "a", t0 + 1_000)).toEqual(attempt("a"));
    expect(await takeOidcLoginAttempt(db, "a", t0 + 2_000)).toBeNull();
    expect(await takeOidcLoginAttempt(db, "unknown", t0)).toBeNull();
  });

  it("are refused after they expire, and removed all the same", async () => {
    await insertOidcLoginAttempt(db, attempt("a"));
    expect(await takeOidcLoginAttempt(db, "a", t0 + tenMinutesMs)).toBeNull();
    expect(await db.query("select * from oidc_login_attempts")).toEqual([]);
  });

  it("do not pile up: starting one drops those that expired", async () => {
    await insertOidcLoginAttempt(db, attempt("old"));
    await insertOidcLoginAttempt(db, attempt("recent", t0 + tenMinutesMs / 2));
    await insertOidcLoginAttempt(db, attempt("new", t0 + tenMinutesMs));
    const left = await db.query<{ id_hash: string }>("select id_hash from oidc_login_attempts order by id_hash");
    expect(left.map((row) => row.id_hash)).toEqual(["new", "recent"]);
  });
});
