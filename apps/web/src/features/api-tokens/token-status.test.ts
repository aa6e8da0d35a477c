import { describe, expect, it } from "vitest";
import { tokenStatus } from "./token-status.ts";

describe("a token's status", () => {
  const nowMs = 1_700_000_000_000;

  it("is active until it expires, if it ever does", () => {
    expect(tokenStatus({ revokedAtMs: null, expiresAtMs: null }, nowMs)).toBe("active");
    expect(tokenStatus({ revokedAtMs: null, expiresAtMs: nowMs + 1 }, nowMs)).toBe("active");
    expect(tokenStatus({ revokedAtMs: null, expiresAtMs: nowMs }, nowMs)).toBe("expired");
  });

  it("says revoked once revoked, expired or not", () => {
    expect(tokenStatus({ revokedAtMs: nowMs - 5, expiresAtMs: null }, nowMs)).toBe("revoked");
    expect(tokenStatus({ revokedAtMs: nowMs - 5, expiresAtMs: nowMs - 1 }, nowMs)).toBe("revoked");
  });
});
