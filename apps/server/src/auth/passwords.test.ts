import { describe, expect, it } from "vitest";
import { PasswordHasher, recommendedArgon2idCost } from "./passwords.ts";
import { createTestPasswordHasher } from "./test-password-hasher.ts";

describe("PasswordHasher", () => {
  const password = "correct horse battery staple";

  it("hashes with Argon2id at the recommended cost by default, with a fresh salt each time", async () => {
    const hasher = new PasswordHasher();
    const hashed = await hasher.hash(password);
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(hashed).not.toContain(password);
    expect(await hasher.hash(password)).not.toBe(hashed);
    expect(hasher.cost).toEqual(recommendedArgon2idCost);
  });

  it("accepts the password and refuses any other", async () => {
    const hasher = createTestPasswordHasher();
    const hashed = await hasher.hash(password);
    expect(await hasher.verify(hashed, password)).toBe(true);
    expect(await hasher.verify(hashed, "correct horse battery stapler")).toBe(false);
    expect(await hasher.verify(hashed, "")).toBe(false);
  });

  it("verifies hashes made at another cost, and says they need rehashing", async () => {
    const cheap = await createTestPasswordHasher().hash(password);
    const hasher = new PasswordHasher();
    expect(await hasher.verify(cheap, password)).toBe(true);
    expect(hasher.needsRehash(cheap)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash(password))).toBe(false);
  });

  it("refuses a cost below the recommended one unless a test asks for it", () => {
    expect(() => new PasswordHasher({ cost: { memoryKib: 4_096, passes: 2, parallelism: 1 } })).toThrow(
      "Argon2id cost m=4096 KiB, t=2 is below the recommended m=19456 KiB, t=2",
    );
    expect(createTestPasswordHasher().cost.memoryKib).toBeLessThan(recommendedArgon2idCost.memoryKib);
  });
});
