import { describe, expect, it } from "vitest";
import { apiTokenPrefix, generateApiToken, generateSessionToken, hashToken } from "./tokens.ts";

describe("tokens", () => {
  it("are 256 random bits, URL-safe, never repeated", () => {
    const sessionTokens = Array.from({ length: 100 }, generateSessionToken);
    for (const token of sessionTokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(sessionTokens).size).toBe(100);
  });

  it("for the API carry a recognisable prefix", () => {
    expect(apiTokenPrefix).toBe("fdk_");
    expect(generateApiToken()).toMatch(/^fdk_[A-Za-z0-9_-]{43}$/);
  });

  it("are stored as their SHA-256 in hex", () => {
    // echo -n abc | sha256sum
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const token = generateSessionToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token);
  });
});
