import type { AuditEntry } from "@fleetdeck/db";
import { describe, expect, it } from "vitest";
import { auditEntryAsSeenBy, canSeeRequestOrigins } from "./audit-visibility.ts";

describe("audit visibility", () => {
  const sessionLogin: AuditEntry = {
    id: 7,
    atMs: 1_767_225_600_000,
    actor: "alice",
    actorKind: "user",
    action: "session.login",
    entityType: "session",
    entityId: "abc",
    ip: "192.0.2.7",
    requestId: "req-7",
    before: { userId: "u1", userAgent: "Firefox/140", ip: "192.0.2.7" },
    after: { userId: "u1", userAgent: "Firefox/140", idleExpiresAtMs: 5 },
    outcome: "ok",
  };

  it("only administrators see where requests came from", () => {
    expect(canSeeRequestOrigins(["admin"])).toBe(true);
    expect(canSeeRequestOrigins(["viewer", "admin"])).toBe(true);
    expect(canSeeRequestOrigins(["viewer"])).toBe(false);
    expect(canSeeRequestOrigins(["operator", "approver"])).toBe(false);
  });

  it("shows an administrator the entry as recorded", () => {
    expect(auditEntryAsSeenBy(sessionLogin, true)).toEqual(sessionLogin);
  });

  it("hides the IP and user agents from everyone else, and keeps the rest", () => {
    expect(auditEntryAsSeenBy(sessionLogin, false)).toEqual({
      ...sessionLogin,
      ip: null,
      before: { userId: "u1" },
      after: { userId: "u1", idleExpiresAtMs: 5 },
    });
    expect(auditEntryAsSeenBy({ ...sessionLogin, before: null, after: null }, false)).toMatchObject({
      before: null,
      after: null,
    });
  });
});
