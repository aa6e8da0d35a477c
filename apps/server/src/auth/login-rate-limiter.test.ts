import { afterEach, describe, expect, it, vi } from "vitest";
import { LoginRateLimiter } from "./login-rate-limiter.ts";

const windowMs = 15 * 60_000;

describe("LoginRateLimiter", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const limits = {
    perAccount: { attempts: 5, windowSeconds: 15 * 60 },
    perIp: { attempts: 20, windowSeconds: 15 * 60 },
  };

  it("lets 5 attempts at one account through, then names the wait until the window ends", async () => {
    const limiter = new LoginRateLimiter(limits);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await limiter.reserveAttempt("alice", `198.51.100.${attempt}`)).toBe(0);
    }
    const waitMs = await limiter.reserveAttempt("Alice", "198.51.100.99");
    expect(waitMs).toBeGreaterThan(windowMs - 5_000);
    expect(waitMs).toBeLessThanOrEqual(windowMs);
    expect(await limiter.reserveAttempt("bob", "198.51.100.99")).toBe(0);
  });

  it("lets 20 attempts from one address through, whatever the accounts", async () => {
    const limiter = new LoginRateLimiter(limits);
    for (let attempt = 0; attempt < 20; attempt++) {
      expect(await limiter.reserveAttempt(`user-${attempt}`, "203.0.113.9")).toBe(0);
    }
    expect(await limiter.reserveAttempt("user-new", "203.0.113.9")).toBeGreaterThan(0);
    expect(await limiter.reserveAttempt("user-new", "203.0.113.10")).toBe(0);
  });

  it("does not count refused attempts, and starts again when the window has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_700_000_000_000);
    const limiter = new LoginRateLimiter(limits);
    for (let attempt = 0; attempt < 5; attempt++) await limiter.reserveAttempt("alice", "192.0.2.1");
    for (let refused = 0; refused < 30; refused++)
      expect(await limiter.reserveAttempt("alice", "192.0.2.1")).toBeGreaterThan(0);
    // 35 tries from the address, but only the 5 that went ahead count towards its 20.
    expect(await limiter.reserveAttempt("bob", "192.0.2.1")).toBe(0);
    vi.setSystemTime(1_700_000_000_000 + windowMs);
    expect(await limiter.reserveAttempt("alice", "192.0.2.1")).toBe(0);
  });

  it("resets the account after a success, but gives the address back only that attempt", async () => {
    const limiter = new LoginRateLimiter(limits);
    for (let attempt = 0; attempt < 4; attempt++) await limiter.reserveAttempt("alice", "192.0.2.1");
    await limiter.reserveAttempt("alice", "192.0.2.1");
    await limiter.recordSuccess("alice", "192.0.2.1");
    for (let attempt = 0; attempt < 5; attempt++) expect(await limiter.reserveAttempt("alice", "192.0.2.2")).toBe(0);

    // Signing in to one's own account between guesses does not reset the address's count.
    const spraying = new LoginRateLimiter(limits);
    for (let guess = 0; guess < 20; guess++) {
      expect(await spraying.reserveAttempt(`victim-${guess}`, "203.0.113.5")).toBe(0);
      if (guess % 4 === 0) {
        await spraying.reserveAttempt("mallory", "203.0.113.5");
        await spraying.recordSuccess("mallory", "203.0.113.5");
      }
    }
    expect(await spraying.reserveAttempt("victim-21", "203.0.113.5")).toBeGreaterThan(0);
  });

  it("lets through no more than the limit when attempts arrive at once", async () => {
    const limiter = new LoginRateLimiter(limits);
    const waits = await Promise.all(
      Array.from({ length: 50 }, (_, attempt) => limiter.reserveAttempt("alice", `198.51.100.${attempt}`)),
    );
    expect(waits.filter((waitMs) => waitMs === 0)).toHaveLength(5);
  });
});
